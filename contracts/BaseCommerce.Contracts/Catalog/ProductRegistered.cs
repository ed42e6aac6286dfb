namespace BaseCommerce.Contracts.Catalog;

/// <summary>Published by the Construction vertical when a product is added to the catalogue.</summary>
public sealed record ProductRegistered(
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
    Guid? RegisteredBy);
