namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Stock engine with a product's current purchase suggestion while it is under its reorder point:
/// buy <see cref="Quantity"/> (maximum − available, in the product's stock unit) to reach <see cref="MaximumStock"/>.
/// Priority keeps the Portuguese wire values "alta" (ABC class A), "media" (B) and "baixa" (C). Replaces the product's
/// previous suggestion. When the Pricing engine named a best supplier, <see cref="SupplierId"/> is it and the quantity
/// is rounded up to a multiple of its minimum quantity.
/// </summary>
public sealed record ReplenishmentSuggested(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    decimal Quantity,
    decimal MaximumStock,
    string Priority,
    string AbcClass,
    string Explanation,
    Guid? SupplierId = null);
