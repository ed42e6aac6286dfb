namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Stock engine when a product's available stock is back at or over its reorder point (a receipt,
/// a cancelled order, less demand): the alert is closed. Quantities are in the product's stock unit.
/// </summary>
public sealed record StockAlertResolved(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid AlertId,
    Guid ProductId,
    decimal Available,
    decimal ReorderPoint,
    string Reason);
