using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// ABC classes of one store by revenue over the last 90 days of its calendar (its daily sales), in one set-based
/// statement: products ranked by revenue, a product is A while the revenue ranked before it is under 80% of the total,
/// B under 95%, C after that and whenever it sold nothing. (The original compared the share including the product itself, which makes a store's only seller C.)
/// </summary>
public sealed class AbcClassifier(StockDb db, IPublishEndpoint publish, TimeProvider clock)
{
    public const decimal ALimit = 80m;
    public const decimal BLimit = 95m;

    /// <summary>Reclassifies the store; returns the products whose class changed (and publishes <see cref="AbcClassChanged"/> for each).</summary>
    public async Task<IReadOnlyList<Guid>> ClassifyAsync(Guid correlationId, CancellationToken ct)
    {
        var tenant = db.Tenant.TenantId;
        var now = clock.GetUtcNow();
        var (first, today) = (await StockParameters.OfStoreAsync(db, ct)).Window(now);
        var changes = await db.Database.SqlQuery<ClassChange>($"""
            WITH revenue AS (
                SELECT p.product_id, coalesce(s.revenue, 0) AS revenue
                FROM stock.products p
                LEFT JOIN (SELECT product_id, sum(revenue) AS revenue FROM stock.daily_sales
                           WHERE tenant_id = {tenant} AND day BETWEEN {first} AND {today} GROUP BY product_id) s USING (product_id)
                WHERE p.tenant_id = {tenant}),
            ranked AS (
                SELECT product_id, revenue,
                       sum(revenue) OVER (ORDER BY revenue DESC, product_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before,
                       sum(revenue) OVER (ORDER BY revenue DESC, product_id) AS running,
                       sum(revenue) OVER () AS total
                FROM revenue),
            classified AS (
                SELECT product_id, revenue,
                       CASE WHEN total = 0 THEN 0 ELSE round(running * 100 / total, 3) END AS share,
                       CASE WHEN revenue = 0 OR total = 0 THEN 'C'
                            WHEN coalesce(before, 0) * 100 < {ALimit} * total THEN 'A'
                            WHEN coalesce(before, 0) * 100 < {BLimit} * total THEN 'B'
                            ELSE 'C' END AS class
                FROM ranked),
            previous AS (SELECT product_id, class FROM stock.abc WHERE tenant_id = {tenant}),
            saved AS (
                INSERT INTO stock.abc (tenant_id, product_id, class, revenue, cumulative_share, computed_at)
                SELECT {tenant}, product_id, class, revenue, share, {now} FROM classified
                ON CONFLICT (tenant_id, product_id) DO UPDATE SET class = EXCLUDED.class, revenue = EXCLUDED.revenue,
                    cumulative_share = EXCLUDED.cumulative_share, computed_at = EXCLUDED.computed_at
                RETURNING product_id, class, revenue, cumulative_share)
            SELECT s.product_id AS "ProductId", p.class AS "OldClass", s.class AS "NewClass", s.revenue AS "Revenue", s.cumulative_share AS "Share"
            FROM saved s LEFT JOIN previous p USING (product_id)
            WHERE p.class IS DISTINCT FROM s.class
            """).ToListAsync(ct);
        foreach (var change in changes)
            await publish.Publish(new AbcClassChanged(tenant, NewId.NextGuid(), now, correlationId, change.ProductId, change.OldClass, change.NewClass,
                change.Revenue, change.Share), ct);
        return [.. changes.Select(c => c.ProductId)];
    }

    /// <summary>
    /// Whether the store was classified less than <paramref name="within"/> ago. Remembered per process once read from the
    /// committed classes, so a catch-up of many sales asks the database about it once, not once per message.
    /// </summary>
    public async Task<bool> ClassifiedWithinAsync(TimeSpan within, CancellationToken ct)
    {
        var tenant = db.Tenant.TenantId;
        var now = clock.GetUtcNow();
        if (Classified.TryGetValue(tenant, out var known) && now - known < within)
            return true;
        var last = await db.Database.SqlQuery<DateTimeOffset?>($"SELECT max(computed_at) AS \"Value\" FROM stock.abc WHERE tenant_id = {tenant}").SingleAsync(ct);
        if (last is not { } at || now - at >= within)
            return false;
        Classified[tenant] = at;
        return true;
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, DateTimeOffset> Classified = new();

    sealed record ClassChange(Guid ProductId, string? OldClass, string NewClass, decimal Revenue, decimal Share);
}
