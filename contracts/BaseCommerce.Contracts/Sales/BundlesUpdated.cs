namespace BaseCommerce.Contracts.Sales;

/// <summary>
/// Published by the Sales engine when a store's bundles change: pairs of products found together in at least 50% of
/// the last 90 days' delivered multi-item orders, most frequent first (at most 5). Replaces the previous list.
/// </summary>
public sealed record BundlesUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    int MultiItemOrders,
    IReadOnlyList<ProductBundle> Bundles);
