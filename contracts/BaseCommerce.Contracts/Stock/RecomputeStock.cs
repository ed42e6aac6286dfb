namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Sent to the Stock engine (by the scheduler, or <c>basec engines recompute stock</c>) to recompute every product of
/// one store from the facts it keeps: demand, forecast, reorder points, alerts and suggestions.
/// </summary>
public sealed record RecomputeStock(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
