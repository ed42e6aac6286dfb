namespace BaseCommerce.Contracts.Sales;

/// <summary>
/// Published by the Sales engine when a customer's purchase pattern changes: the products in at least 30% of the
/// customer's delivered orders of the last 180 days, most frequent first (at most 10). Replaces the previous list.
/// </summary>
public sealed record PurchasePatternUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid CustomerId,
    int Orders,
    IReadOnlyList<ProductSuggestion> Products);
