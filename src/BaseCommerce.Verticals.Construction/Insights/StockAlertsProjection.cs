using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// Raised (or updated) stock alerts, a batch of one store's in one statement: the newest event of each alert wins, an
/// older event never overwrites a newer one, and a resolved alert stays resolved.
/// </summary>
public sealed class StockAlertsProjection(ConstructionDb db) : IConsumer<Batch<StockAlertRaised>>
{
    public Task Consume(ConsumeContext<Batch<StockAlertRaised>> context)
    {
        var latest = BatchLatest.Of(context.Message, m => m.AlertId, m => m.OccurredAt);
        Guid[] ids = [.. latest.Select(m => m.AlertId)], products = [.. latest.Select(m => m.ProductId)];
        string[] names = [.. latest.Select(m => m.ProductName)], risks = [.. latest.Select(m => m.Risk)], explanations = [.. latest.Select(m => m.Explanation)];
        short[] ranks = [.. latest.Select(m => InsightRanks.Risk(m.Risk))];
        decimal[] onHand = [.. latest.Select(m => m.OnHand)], available = [.. latest.Select(m => m.Available)],
            reorder = [.. latest.Select(m => m.ReorderPoint)], average = [.. latest.Select(m => m.AverageDailyDemand)];
        int?[] days = [.. latest.Select(m => m.DaysToStockOut)];
        DateTimeOffset[] at = [.. latest.Select(m => m.OccurredAt.ToUniversalTime())];
        // A raise re-opens an acknowledged alert only when its risk got worse; the engine says so by raising it as active.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_alertas_estoque (id, tenant_id, product_id, product_name, status, risk, risk_rank, on_hand, available,
                reorder_point, average_daily, days_to_stockout, explanation, raised_at, event_at)
            SELECT u.id, {db.Tenant.TenantId}, u.product_id, u.product_name, 'ativo', u.risk, u.risk_rank, u.on_hand, u.available, u.reorder_point,
                   u.average_daily, u.days, u.explanation, u.at, u.at
            FROM unnest({ids}, {products}, {names}, {risks}, {ranks}, {onHand}, {available}, {reorder}, {average}, {days}, {explanations}, {at})
                AS u(id, product_id, product_name, risk, risk_rank, on_hand, available, reorder_point, average_daily, days, explanation, at)
            ON CONFLICT (id) DO UPDATE SET product_name = EXCLUDED.product_name, risk = EXCLUDED.risk, risk_rank = EXCLUDED.risk_rank,
                on_hand = EXCLUDED.on_hand, available = EXCLUDED.available, reorder_point = EXCLUDED.reorder_point,
                average_daily = EXCLUDED.average_daily, days_to_stockout = EXCLUDED.days_to_stockout, explanation = EXCLUDED.explanation,
                status = CASE WHEN insight_alertas_estoque.status = 'reconhecido' AND EXCLUDED.risk_rank <= insight_alertas_estoque.risk_rank
                              THEN 'reconhecido' ELSE 'ativo' END,
                event_at = EXCLUDED.event_at
            WHERE insight_alertas_estoque.tenant_id = {db.Tenant.TenantId} AND insight_alertas_estoque.status <> 'resolvido'
              AND insight_alertas_estoque.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }
}
