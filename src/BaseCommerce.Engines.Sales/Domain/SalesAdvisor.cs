using System.Text.Json;
using BaseCommerce.Contracts;
using BaseCommerce.Contracts.Sales;
using BaseCommerce.Engines.Sales.Data;
using MassTransit;

namespace BaseCommerce.Engines.Sales.Domain;

/// <summary>
/// Derives the Sales engine's lists with set-based SQL over its facts and publishes each one only when it changed
/// (compared with the last published list in <c>sales.published_lists</c>).
/// </summary>
public sealed class SalesAdvisor(SalesDb db, IPublishEndpoint publish, TimeProvider clock)
{
    Guid Tenant => db.Tenant.TenantId;

    /// <summary>
    /// Complementary products of one product: of the N orders of the window that contain it, the products found in at
    /// least 20% (c / N), most frequent first.
    /// </summary>
    public async Task ComplementsAsync(Guid productId, Guid correlationId, CancellationToken ct)
    {
        await LockAsync("complementares", productId, ct);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-SalesRules.ComplementWindowDays);
        var orders = await db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT order_id)::int AS "Value" FROM sales.order_lines
            WHERE tenant_id = {Tenant} AND product_id = {productId} AND sold_at > {since} AND sold_at <= {now}
            """).SingleAsync(ct);
        var rows = await db.Database.SqlQuery<CountRow>($"""
            SELECT l.product_id AS "ProductId", count(DISTINCT l.order_id)::int AS "Count"
            FROM sales.order_lines l
            JOIN sales.order_lines s ON s.tenant_id = l.tenant_id AND s.order_id = l.order_id AND s.product_id = {productId}
            WHERE l.tenant_id = {Tenant} AND l.product_id <> {productId} AND s.sold_at > {since} AND s.sold_at <= {now}
            GROUP BY l.product_id
            HAVING count(DISTINCT l.order_id) * 100 >= {SalesRules.ComplementMinimumPercent} * {orders}
            ORDER BY count(DISTINCT l.order_id) DESC, l.product_id
            LIMIT {SalesRules.ComplementLimit}
            """).ToListAsync(ct);
        var list = rows.Select(r =>
        {
            var percent = SalesRules.Percent(r.Count, orders);
            return new ProductSuggestion(r.ProductId, percent, SalesRules.Priority(percent), SalesRules.ComplementExplanation(percent));
        }).ToList();
        if (await ChangedAsync("complementares", productId, list, now, ct))
            await publish.Publish(new ComplementaryProductsUpdated(Tenant, NewId.NextGuid(), now, correlationId, productId, orders, list), ct);
    }

    /// <summary>Substitutes of every product of a unit: active products of the same unit priced within ±20%, closest first.</summary>
    public async Task SubstitutesAsync(string unit, Guid correlationId, CancellationToken ct)
    {
        await LockAsync("substitutos:" + unit, Guid.Empty, ct);
        var now = clock.GetUtcNow();
        var rows = await db.Database.SqlQuery<SubstituteRow>($"""
            SELECT p.product_id AS "ProductId", s.product_id AS "SubstituteId",
                   CASE WHEN p.price = 0 THEN 0 ELSE round((s.price - p.price) * 100 / p.price, 2) END AS "Difference"
            FROM sales.products p
            JOIN sales.products s ON s.tenant_id = p.tenant_id AND s.unit = p.unit AND s.product_id <> p.product_id AND s.active
                 AND abs(s.price - p.price) * 100 <= {SalesRules.SubstitutePriceBandPercent} * p.price
            WHERE p.tenant_id = {Tenant} AND p.unit = {unit}
            """).ToListAsync(ct);
        var products = await db.Database.SqlQuery<Guid>($"""
            SELECT product_id AS "Value" FROM sales.products WHERE tenant_id = {Tenant} AND unit = {unit} ORDER BY product_id
            """).ToListAsync(ct);
        var byProduct = rows.ToLookup(r => r.ProductId);
        foreach (var product in products)
        {
            var list = byProduct[product].OrderBy(r => Math.Abs(r.Difference)).ThenBy(r => r.SubstituteId).Take(SalesRules.SubstituteLimit)
                .Select(r => new ProductSuggestion(r.SubstituteId, r.Difference, "media", SalesRules.SubstituteExplanation(r.Difference))).ToList();
            if (await ChangedAsync("substitutos", product, list, now, ct))
                await publish.Publish(new SubstitutesUpdated(Tenant, NewId.NextGuid(), now, correlationId, product, list), ct);
        }
    }

    /// <summary>Bundles: pairs of products in at least 50% of the window's multi-item orders, most frequent first.</summary>
    public async Task BundlesAsync(Guid correlationId, CancellationToken ct)
    {
        await LockAsync("combos", Guid.Empty, ct);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-SalesRules.ComplementWindowDays);
        var multi = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM (SELECT order_id FROM sales.order_lines
                WHERE tenant_id = {Tenant} AND sold_at > {since} AND sold_at <= {now} GROUP BY order_id HAVING count(*) > 1) m
            """).SingleAsync(ct);
        var pairs = await db.Database.SqlQuery<PairRow>($"""
            SELECT a.product_id AS "First", b.product_id AS "Second", count(*)::int AS "Count"
            FROM sales.order_lines a
            JOIN sales.order_lines b ON b.tenant_id = a.tenant_id AND b.order_id = a.order_id AND b.product_id > a.product_id
            WHERE a.tenant_id = {Tenant} AND a.sold_at > {since} AND a.sold_at <= {now}
            GROUP BY a.product_id, b.product_id
            HAVING count(*) * 100 >= {SalesRules.BundleMinimumPercent} * {multi}
            ORDER BY count(*) DESC, a.product_id, b.product_id
            LIMIT {SalesRules.BundleLimit}
            """).ToListAsync(ct);
        var list = pairs.Select(p => new ProductBundle(p.First, p.Second, SalesRules.Percent(p.Count, multi), p.Count)).ToList();
        if (await ChangedAsync("combos", Guid.Empty, list, now, ct))
            await publish.Publish(new BundlesUpdated(Tenant, NewId.NextGuid(), now, correlationId, multi, list), ct);
    }

    /// <summary>A customer's pattern: products in at least 30% of the customer's orders of the last 180 days.</summary>
    public async Task PatternAsync(Guid customerId, Guid correlationId, CancellationToken ct)
    {
        await LockAsync("padroes", customerId, ct);
        var now = clock.GetUtcNow();
        var since = now.AddDays(-SalesRules.PatternWindowDays);
        var orders = await db.Database.SqlQuery<int>($"""
            SELECT count(DISTINCT order_id)::int AS "Value" FROM sales.order_lines
            WHERE tenant_id = {Tenant} AND customer_id = {customerId} AND sold_at > {since} AND sold_at <= {now}
            """).SingleAsync(ct);
        var rows = await db.Database.SqlQuery<CountRow>($"""
            SELECT product_id AS "ProductId", count(DISTINCT order_id)::int AS "Count" FROM sales.order_lines
            WHERE tenant_id = {Tenant} AND customer_id = {customerId} AND sold_at > {since} AND sold_at <= {now}
            GROUP BY product_id
            HAVING count(DISTINCT order_id) * 100 >= {SalesRules.PatternMinimumPercent} * {orders}
            ORDER BY count(DISTINCT order_id) DESC, product_id
            LIMIT {SalesRules.PatternLimit}
            """).ToListAsync(ct);
        var list = rows.Select(r =>
        {
            var percent = SalesRules.Percent(r.Count, orders);
            return new ProductSuggestion(r.ProductId, percent, SalesRules.Priority(percent), SalesRules.PatternExplanation(percent));
        }).ToList();
        if (await ChangedAsync("padroes", customerId, list, now, ct))
            await publish.Publish(new PurchasePatternUpdated(Tenant, NewId.NextGuid(), now, correlationId, customerId, orders, list), ct);
    }

    /// <summary>
    /// One computation of a list at a time, until the transaction ends: the one that waits then sees the other's facts
    /// (committed), so the list published last is complete.
    /// </summary>
    Task LockAsync(string kind, Guid owner, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Tenant.ToString() + kind + owner}, 0))", ct);

    /// <summary>Stores the list as the last published one; false (nothing to publish) when it equals the stored list.</summary>
    async Task<bool> ChangedAsync<T>(string kind, Guid owner, IReadOnlyList<T> items, DateTimeOffset now, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(items);
        var known = await db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value" FROM sales.published_lists WHERE tenant_id = {Tenant} AND kind = {kind} AND owner_id = {owner}
            """).AnyAsync(ct);
        var changed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sales.published_lists (tenant_id, kind, owner_id, items, updated_at) VALUES ({Tenant}, {kind}, {owner}, {json}::jsonb, {now})
            ON CONFLICT (tenant_id, kind, owner_id) DO UPDATE SET items = EXCLUDED.items, updated_at = EXCLUDED.updated_at
            WHERE published_lists.items IS DISTINCT FROM EXCLUDED.items
            """, ct);
        // A first computation of an empty list is no news: nothing was published before, so nobody holds a list to clear.
        return changed > 0 && (known || items.Count > 0);
    }

    sealed record CountRow(Guid ProductId, int Count);
    sealed record SubstituteRow(Guid ProductId, Guid SubstituteId, decimal Difference);
    sealed record PairRow(Guid First, Guid Second, int Count);
}
