namespace BaseCommerce.Contracts.Pricing;

/// <summary>
/// Published by the Pricing engine when a product's recommended supplier or its price changes: the cheapest stable
/// supplier (else the cheapest), with up to 3 alternatives priced within ±5% of it. Quantities are in the product's stock unit.
/// </summary>
public sealed record BestSupplierChanged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    Guid SupplierId,
    decimal Price,
    decimal? MinimumQuantity,
    bool Stable,
    IReadOnlyList<Guid> Alternatives,
    string Explanation);
