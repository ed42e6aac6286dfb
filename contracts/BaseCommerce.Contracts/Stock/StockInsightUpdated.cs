namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Stock engine when what it derives for a product changes (after a sale, a movement, a reservation,
/// a recomputation): what the product page shows. Quantities are in the product's stock unit; demand is per day.
/// </summary>
public sealed record StockInsightUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    decimal OnHand,
    decimal Reserved,
    decimal Available,
    decimal AverageDailyDemand,
    decimal DemandStandardDeviation,
    decimal ForecastDailyDemand,
    decimal SafetyStock,
    decimal ReorderPoint,
    decimal MaximumStock,
    int? DaysToStockOut,
    string Risk,
    string AbcClass,
    int LeadTimeDays);
