using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// Projects the Stock engine's events into the vertical's read tables, behind the vertical's inbox. Every write keeps
/// the event time of the row, and an older event never overwrites a newer one: the same events in any order, or twice,
/// leave the same rows.
/// </summary>
public sealed class StockInsightsProjection(ConstructionDb db) :
    IConsumer<StockAlertRaised>, IConsumer<StockAlertResolved>, IConsumer<ReplenishmentSuggested>, IConsumer<ReplenishmentWithdrawn>,
    IConsumer<StockInsightUpdated>, IConsumer<AbcClassChanged>
{
    Guid Tenant => db.Tenant.TenantId;

    public Task Consume(ConsumeContext<StockAlertRaised> context)
    {
        var m = context.Message;
        // A raise re-opens an acknowledged alert only when its risk got worse; the engine says so by raising it as active.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_alertas_estoque (id, tenant_id, product_id, product_name, status, risk, risk_rank, on_hand, available,
                reorder_point, average_daily, days_to_stockout, explanation, raised_at, event_at)
            VALUES ({m.AlertId}, {Tenant}, {m.ProductId}, {m.ProductName}, 'ativo', {m.Risk}, {InsightRanks.Risk(m.Risk)}, {m.OnHand}, {m.Available},
                {m.ReorderPoint}, {m.AverageDailyDemand}, {m.DaysToStockOut}, {m.Explanation}, {m.OccurredAt}, {m.OccurredAt})
            ON CONFLICT (id) DO UPDATE SET product_name = EXCLUDED.product_name, risk = EXCLUDED.risk, risk_rank = EXCLUDED.risk_rank,
                on_hand = EXCLUDED.on_hand, available = EXCLUDED.available, reorder_point = EXCLUDED.reorder_point,
                average_daily = EXCLUDED.average_daily, days_to_stockout = EXCLUDED.days_to_stockout, explanation = EXCLUDED.explanation,
                status = CASE WHEN insight_alertas_estoque.status = 'reconhecido' AND EXCLUDED.risk_rank <= insight_alertas_estoque.risk_rank
                              THEN 'reconhecido' ELSE 'ativo' END,
                event_at = EXCLUDED.event_at
            WHERE insight_alertas_estoque.tenant_id = {Tenant} AND insight_alertas_estoque.status <> 'resolvido'
              AND insight_alertas_estoque.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<StockAlertResolved> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            UPDATE construction.insight_alertas_estoque SET status = 'resolvido', resolved_at = {m.OccurredAt}, resolved_reason = {m.Reason},
                available = {m.Available}, reorder_point = {m.ReorderPoint}, event_at = {m.OccurredAt}
            WHERE tenant_id = {Tenant} AND id = {m.AlertId} AND status <> 'resolvido'
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ReplenishmentSuggested> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_reposicao (tenant_id, product_id, quantity, maximum_stock, priority, priority_rank, abc_class, explanation,
                withdrawn, event_at)
            VALUES ({Tenant}, {m.ProductId}, {m.Quantity}, {m.MaximumStock}, {m.Priority}, {InsightRanks.Priority(m.Priority)}, {m.AbcClass},
                {m.Explanation}, false, {m.OccurredAt})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, maximum_stock = EXCLUDED.maximum_stock,
                priority = EXCLUDED.priority, priority_rank = EXCLUDED.priority_rank, abc_class = EXCLUDED.abc_class,
                explanation = EXCLUDED.explanation, withdrawn = false, event_at = EXCLUDED.event_at
            WHERE insight_reposicao.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ReplenishmentWithdrawn> context) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE construction.insight_reposicao SET withdrawn = true, event_at = {context.Message.OccurredAt}
            WHERE tenant_id = {Tenant} AND product_id = {context.Message.ProductId} AND event_at <= {context.Message.OccurredAt}
            """, context.CancellationToken);

    public Task Consume(ConsumeContext<StockInsightUpdated> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_produtos_estoque (tenant_id, product_id, on_hand, reserved, available, average_daily, deviation_daily,
                forecast_daily, safety_stock, reorder_point, maximum_stock, days_to_stockout, risk, abc_class, lead_time_days, event_at)
            VALUES ({Tenant}, {m.ProductId}, {m.OnHand}, {m.Reserved}, {m.Available}, {m.AverageDailyDemand}, {m.DemandStandardDeviation},
                {m.ForecastDailyDemand}, {m.SafetyStock}, {m.ReorderPoint}, {m.MaximumStock}, {m.DaysToStockOut}, {m.Risk}, {m.AbcClass},
                {m.LeadTimeDays}, {m.OccurredAt})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, available = EXCLUDED.available,
                average_daily = EXCLUDED.average_daily, deviation_daily = EXCLUDED.deviation_daily, forecast_daily = EXCLUDED.forecast_daily,
                safety_stock = EXCLUDED.safety_stock, reorder_point = EXCLUDED.reorder_point, maximum_stock = EXCLUDED.maximum_stock,
                days_to_stockout = EXCLUDED.days_to_stockout, risk = EXCLUDED.risk, abc_class = EXCLUDED.abc_class,
                lead_time_days = EXCLUDED.lead_time_days, event_at = EXCLUDED.event_at
            WHERE insight_produtos_estoque.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<AbcClassChanged> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_abc (tenant_id, product_id, class, revenue, cumulative_share, event_at)
            VALUES ({Tenant}, {m.ProductId}, {m.NewClass}, {m.Revenue90Days}, {m.CumulativeSharePercent}, {m.OccurredAt})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET class = EXCLUDED.class, revenue = EXCLUDED.revenue,
                cumulative_share = EXCLUDED.cumulative_share, event_at = EXCLUDED.event_at
            WHERE insight_abc.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }
}
