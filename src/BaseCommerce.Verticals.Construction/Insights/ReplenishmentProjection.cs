using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// Purchase suggestions, a batch of one store's in one statement: the newest event of each product wins, and only over
/// an older row.
/// </summary>
public sealed class ReplenishmentProjection(ConstructionDb db) : IConsumer<Batch<ReplenishmentSuggested>>
{
    public Task Consume(ConsumeContext<Batch<ReplenishmentSuggested>> context)
    {
        var latest = BatchLatest.Of(context.Message, m => m.ProductId, m => m.OccurredAt);
        Guid[] products = [.. latest.Select(m => m.ProductId)];
        decimal[] quantities = [.. latest.Select(m => m.Quantity)], maximum = [.. latest.Select(m => m.MaximumStock)];
        string[] priorities = [.. latest.Select(m => m.Priority)], classes = [.. latest.Select(m => m.AbcClass)], explanations = [.. latest.Select(m => m.Explanation)];
        short[] ranks = [.. latest.Select(m => InsightRanks.Priority(m.Priority))];
        DateTimeOffset[] at = [.. latest.Select(m => m.OccurredAt.ToUniversalTime())];
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_reposicao (tenant_id, product_id, quantity, maximum_stock, priority, priority_rank, abc_class, explanation,
                withdrawn, event_at)
            SELECT {db.Tenant.TenantId}, u.product_id, u.quantity, u.maximum_stock, u.priority, u.priority_rank, u.abc_class, u.explanation, false, u.at
            FROM unnest({products}, {quantities}, {maximum}, {priorities}, {ranks}, {classes}, {explanations}, {at})
                AS u(product_id, quantity, maximum_stock, priority, priority_rank, abc_class, explanation, at)
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET quantity = EXCLUDED.quantity, maximum_stock = EXCLUDED.maximum_stock,
                priority = EXCLUDED.priority, priority_rank = EXCLUDED.priority_rank, abc_class = EXCLUDED.abc_class,
                explanation = EXCLUDED.explanation, withdrawn = false, event_at = EXCLUDED.event_at
            WHERE insight_reposicao.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }
}
