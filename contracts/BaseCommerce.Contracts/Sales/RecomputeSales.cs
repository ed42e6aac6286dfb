namespace BaseCommerce.Contracts.Sales;

/// <summary>
/// Sent to the Sales engine (by the scheduler, or <c>basec engines recompute sales</c>) to recompute one store's
/// complementary products, substitutes, bundles and purchase patterns from the facts it keeps (the windows move with time).
/// </summary>
public sealed record RecomputeSales(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
