namespace BaseCommerce.Contracts.Catalog;

/// <summary>Published by the Construction vertical when a product's sale price is changed.</summary>
public sealed record ProductPriceUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    decimal OldPrice,
    decimal NewPrice,
    Guid? UpdatedBy);
