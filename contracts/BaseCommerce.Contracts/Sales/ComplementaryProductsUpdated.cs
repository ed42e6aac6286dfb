namespace BaseCommerce.Contracts.Sales;

/// <summary>
/// Published by the Sales engine when a product's complementary products change: the products found in at least 20%
/// of the last 90 days' delivered orders that contain it, most frequent first (at most 10). Replaces the previous list;
/// an empty list clears it.
/// </summary>
public sealed record ComplementaryProductsUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    int OrdersWithProduct,
    IReadOnlyList<ProductSuggestion> Complements);
