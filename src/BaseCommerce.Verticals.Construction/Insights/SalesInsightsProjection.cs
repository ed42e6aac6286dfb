using BaseCommerce.Contracts;
using BaseCommerce.Contracts.Sales;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>Projects the Sales engine's lists into the vertical's read tables; each list is replaced whole, never by an older event.</summary>
public sealed class SalesInsightsProjection(ConstructionDb db) :
    IConsumer<ComplementaryProductsUpdated>, IConsumer<SubstitutesUpdated>, IConsumer<PurchasePatternUpdated>, IConsumer<BundlesUpdated>
{
    Guid Tenant => db.Tenant.TenantId;

    public Task Consume(ConsumeContext<ComplementaryProductsUpdated> context) =>
        ReplaceAsync(SuggestionKinds.Complements, context.Message.ProductId, context.Message.OrdersWithProduct, context.Message.OccurredAt,
            context.Message.Complements, context.CancellationToken);

    public Task Consume(ConsumeContext<SubstitutesUpdated> context) =>
        ReplaceAsync(SuggestionKinds.Substitutes, context.Message.ProductId, 0, context.Message.OccurredAt, context.Message.Substitutes,
            context.CancellationToken);

    public Task Consume(ConsumeContext<PurchasePatternUpdated> context) =>
        ReplaceAsync(SuggestionKinds.Patterns, context.Message.CustomerId, context.Message.Orders, context.Message.OccurredAt, context.Message.Products,
            context.CancellationToken);

    public async Task Consume(ConsumeContext<BundlesUpdated> context)
    {
        var m = context.Message;
        if (!await HeaderAsync(SuggestionKinds.Bundles, Guid.Empty, m.MultiItemOrders, m.OccurredAt, context.CancellationToken))
            return;
        var position = 0;
        foreach (var b in m.Bundles)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO construction.insight_sugestoes (tenant_id, kind, owner_id, position, product_id, other_id, frequency, priority, explanation, orders)
                VALUES ({Tenant}, {SuggestionKinds.Bundles}, {Guid.Empty}, {position++}, {b.FirstProductId}, {b.SecondProductId}, {b.FrequencyPercent},
                        'media', {$"Juntos em {b.Orders} pedido(s) com mais de um item"}, {b.Orders})
                """, context.CancellationToken);
    }

    async Task ReplaceAsync(string kind, Guid owner, int orders, DateTimeOffset at, IReadOnlyList<ProductSuggestion> items, CancellationToken ct)
    {
        if (!await HeaderAsync(kind, owner, orders, at, ct))
            return;
        var position = 0;
        foreach (var s in items)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO construction.insight_sugestoes (tenant_id, kind, owner_id, position, product_id, frequency, priority, explanation)
                VALUES ({Tenant}, {kind}, {owner}, {position++}, {s.ProductId}, {s.FrequencyPercent}, {s.Priority}, {s.Explanation})
                """, ct);
    }

    /// <summary>Moves the list's header to this event and empties the list; false when a newer event already wrote it.</summary>
    async Task<bool> HeaderAsync(string kind, Guid owner, int orders, DateTimeOffset at, CancellationToken ct)
    {
        var moved = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_listas (tenant_id, kind, owner_id, orders, event_at) VALUES ({Tenant}, {kind}, {owner}, {orders}, {at})
            ON CONFLICT (tenant_id, kind, owner_id) DO UPDATE SET orders = EXCLUDED.orders, event_at = EXCLUDED.event_at
            WHERE insight_listas.event_at <= EXCLUDED.event_at
            """, ct);
        if (moved == 0)
            return false;
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM construction.insight_sugestoes WHERE tenant_id = {Tenant} AND kind = {kind} AND owner_id = {owner}
            """, ct);
        return true;
    }
}
