namespace BaseCommerce.Contracts.Stock;

/// <summary>Sent to the Stock engine (by the scheduler, weekly, or <c>basec engines recompute stock</c>) to reclassify one store's products ABC.</summary>
public sealed record RecomputeAbc(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
