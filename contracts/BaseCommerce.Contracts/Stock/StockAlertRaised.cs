namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Stock engine when a product's available stock falls under its reorder point, and again (same
/// <see cref="AlertId"/>) when an active alert's figures or risk change. One active alert per product.
/// Quantities are in the product's stock unit. Risk keeps the Portuguese wire values "alto" (≤ 7 days of stock),
/// "medio" (≤ 14) and "baixo"; <see cref="DaysToStockOut"/> is null when nothing is sold.
/// </summary>
public sealed record StockAlertRaised(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid AlertId,
    Guid ProductId,
    string ProductName,
    string Risk,
    decimal OnHand,
    decimal Available,
    decimal ReorderPoint,
    decimal AverageDailyDemand,
    int? DaysToStockOut,
    string Explanation);
