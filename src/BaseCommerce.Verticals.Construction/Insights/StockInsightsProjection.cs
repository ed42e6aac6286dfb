using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// Projects the Stock engine's events into the vertical's read tables, behind the vertical's inbox. Every write keeps
/// the event time of the row, and an older event never overwrites a newer one: the same events in any order, or twice,
/// leave the same rows. The three an assessment publishes for every product whose figures moved (figures, alert,
/// suggestion) are projected in batches (<see cref="StockFiguresProjection"/>, <see cref="StockAlertsProjection"/>,
/// <see cref="ReplenishmentProjection"/>).
/// </summary>
public sealed class StockInsightsProjection(ConstructionDb db) :
    IConsumer<StockAlertResolved>, IConsumer<ReplenishmentWithdrawn>, IConsumer<AbcClassChanged>
{
    Guid Tenant => db.Tenant.TenantId;

    public Task Consume(ConsumeContext<StockAlertResolved> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            UPDATE construction.insight_alertas_estoque SET status = 'resolvido', resolved_at = {m.OccurredAt}, resolved_reason = {m.Reason},
                available = {m.Available}, reorder_point = {m.ReorderPoint}, event_at = {m.OccurredAt}
            WHERE tenant_id = {Tenant} AND id = {m.AlertId} AND status <> 'resolvido'
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<ReplenishmentWithdrawn> context) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE construction.insight_reposicao SET withdrawn = true, event_at = {context.Message.OccurredAt}
            WHERE tenant_id = {Tenant} AND product_id = {context.Message.ProductId} AND event_at <= {context.Message.OccurredAt}
            """, context.CancellationToken);

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
