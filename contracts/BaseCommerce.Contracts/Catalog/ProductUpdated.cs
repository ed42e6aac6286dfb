namespace BaseCommerce.Contracts.Catalog;

/// <summary>
/// Published by the Construction vertical when a product's registration changes (name, unit, price, weight) or it is
/// deactivated: the product as it now is. A base price change also publishes <see cref="ProductPriceUpdated"/>.
/// </summary>
public sealed record ProductUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    string? Code,
    string Name,
    string Unit,
    decimal BasePrice,
    decimal? WeightKg,
    bool Active,
    Guid? UpdatedBy);
