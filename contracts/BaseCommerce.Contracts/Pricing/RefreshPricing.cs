namespace BaseCommerce.Contracts.Pricing;

/// <summary>Sent to the Pricing engine (by the scheduler, nightly, or <c>basec engines recompute pricing</c>) to recompute one store's comparisons, trends and suggested prices.</summary>
public sealed record RefreshPricing(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
