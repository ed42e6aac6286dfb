using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// Projects the Stock engine's per-product figures (<see cref="StockInsightUpdated"/>, one per product whose figures
/// moved) into the read model, a batch of one store's at a time in one statement. The newest event of each product in
/// the batch wins, and only over an older row: the same events in any order, or twice, leave the same rows.
/// </summary>
public sealed class StockFiguresProjection(ConstructionDb db) : IConsumer<Batch<StockInsightUpdated>>
{
    public Task Consume(ConsumeContext<Batch<StockInsightUpdated>> context)
    {
        var latest = BatchLatest.Of(context.Message, m => m.ProductId, m => m.OccurredAt);
        Guid[] products = [.. latest.Select(m => m.ProductId)];
        decimal[] onHand = [.. latest.Select(m => m.OnHand)], reserved = [.. latest.Select(m => m.Reserved)], available = [.. latest.Select(m => m.Available)],
            average = [.. latest.Select(m => m.AverageDailyDemand)], deviation = [.. latest.Select(m => m.DemandStandardDeviation)],
            forecast = [.. latest.Select(m => m.ForecastDailyDemand)], safety = [.. latest.Select(m => m.SafetyStock)],
            reorder = [.. latest.Select(m => m.ReorderPoint)], maximum = [.. latest.Select(m => m.MaximumStock)];
        int?[] days = [.. latest.Select(m => m.DaysToStockOut)];
        int[] lead = [.. latest.Select(m => m.LeadTimeDays)];
        string[] risk = [.. latest.Select(m => m.Risk)], abc = [.. latest.Select(m => m.AbcClass)];
        DateTimeOffset[] at = [.. latest.Select(m => m.OccurredAt.ToUniversalTime())];
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_produtos_estoque (tenant_id, product_id, on_hand, reserved, available, average_daily, deviation_daily,
                forecast_daily, safety_stock, reorder_point, maximum_stock, days_to_stockout, risk, abc_class, lead_time_days, event_at)
            SELECT {db.Tenant.TenantId}, u.*
            FROM unnest({products}, {onHand}, {reserved}, {available}, {average}, {deviation}, {forecast}, {safety}, {reorder}, {maximum}, {days}, {risk},
                        {abc}, {lead}, {at}) AS u(product_id)
            ORDER BY u.product_id
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, available = EXCLUDED.available,
                average_daily = EXCLUDED.average_daily, deviation_daily = EXCLUDED.deviation_daily, forecast_daily = EXCLUDED.forecast_daily,
                safety_stock = EXCLUDED.safety_stock, reorder_point = EXCLUDED.reorder_point, maximum_stock = EXCLUDED.maximum_stock,
                days_to_stockout = EXCLUDED.days_to_stockout, risk = EXCLUDED.risk, abc_class = EXCLUDED.abc_class,
                lead_time_days = EXCLUDED.lead_time_days, event_at = EXCLUDED.event_at
            WHERE insight_produtos_estoque.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }
}
