using BaseCommerce.Engines.Stock.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// The facts the engine keeps, written so that applying an event twice changes nothing: each fact is keyed by what it
/// comes from (an event id, an order and product) and inserted only once. A product whose facts changed is marked
/// dirty in the same statement (see <see cref="StockAssessor"/>, woken when the transaction commits), so a message, or a
/// batch of the frequent ones (sales, movements), costs one or two round trips whatever it touches. Every statement names the tenant as well as running under its row-level
/// security.
/// </summary>
public sealed class StockFacts(StockDb db, AssessorWake wake)
{
    Guid Tenant => db.Tenant.TenantId;

    public Task RegisterProductAsync(Guid productId, string name, string unit, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.products (tenant_id, product_id, name, unit, registered_at) VALUES ({Tenant}, {productId}, {name}, {unit}, {at})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit
            """, ct);

    /// <summary>
    /// Adds movements to on hand, once per event, and marks their products dirty, in one statement for a whole batch.
    /// Returns the events applied now whose product the engine does not know yet (their facts are kept either way).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ApplyMovementsAsync(IReadOnlyList<Movement> movements, CancellationToken ct)
    {
        var events = movements.Select(m => m.EventId).ToArray();
        var products = movements.Select(m => m.ProductId).ToArray();
        var kinds = movements.Select(m => m.Kind).ToArray();
        var deltas = movements.Select(m => m.Delta).ToArray();
        var deliveries = movements.Select(m => m.DeliveryId).ToArray();
        var at = movements.Select(m => m.At.ToUniversalTime()).ToArray();
        var correlations = movements.Select(m => m.CorrelationId).ToArray();
        // One level row per product and in product order: two batches then lock the rows they share in one order.
        var unknown = await db.Database.SqlQuery<Guid>($"""
            WITH line AS (
                SELECT * FROM unnest({events}, {products}, {kinds}, {deltas}, {deliveries}, {at}, {correlations})
                    AS l(event_id, product_id, kind, delta, delivery_id, occurred_at, correlation_id)),
            movement AS (
                INSERT INTO stock.movements (tenant_id, event_id, product_id, kind, delta, delivery_id, occurred_at)
                SELECT {Tenant}, event_id, product_id, kind, delta, delivery_id, occurred_at FROM line ON CONFLICT DO NOTHING
                RETURNING event_id, product_id, delta),
            level AS (
                INSERT INTO stock.levels (tenant_id, product_id, on_hand)
                SELECT {Tenant}, product_id, sum(delta) FROM movement GROUP BY product_id ORDER BY product_id
                ON CONFLICT (tenant_id, product_id) DO UPDATE SET on_hand = levels.on_hand + EXCLUDED.on_hand),
            dirty AS (
                INSERT INTO stock.dirty_products (tenant_id, product_id, correlation_id)
                SELECT DISTINCT ON (m.product_id) {Tenant}, m.product_id, l.correlation_id FROM movement m JOIN line l USING (event_id))
            SELECT m.event_id AS "Value" FROM movement m
            WHERE NOT EXISTS (SELECT 1 FROM stock.products p WHERE p.tenant_id = {Tenant} AND p.product_id = m.product_id)
            """).ToListAsync(ct);
        wake.Mark(db, movements.Max(m => m.At));
        return unknown;
    }

    /// <summary>Reserves an order's quantities, unless the order was already released (its events can arrive out of order).</summary>
    public async Task ReserveAsync(Guid orderId, IReadOnlyDictionary<Guid, decimal> quantities, Guid correlationId, CancellationToken ct)
    {
        await LockOrderAsync(orderId, ct);
        var reserved = new List<Guid>();
        foreach (var (productId, quantity) in quantities)
        {
            var rows = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO stock.reservations (tenant_id, order_id, product_id, quantity)
                SELECT {Tenant}, {orderId}, {productId}, {quantity}
                WHERE NOT EXISTS (SELECT 1 FROM stock.released_orders WHERE tenant_id = {Tenant} AND order_id = {orderId})
                ON CONFLICT DO NOTHING
                """, ct);
            if (rows > 0)
                reserved.Add(productId);
        }
        await MarkDirtyAsync(reserved, correlationId, ct);
    }

    /// <summary>Releases an order for good (it left or was cancelled); the products whose reservations went are marked dirty.</summary>
    public async Task ReleaseAsync(Guid orderId, DateTimeOffset at, Guid correlationId, CancellationToken ct)
    {
        await LockOrderAsync(orderId, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.released_orders (tenant_id, order_id, released_at) VALUES ({Tenant}, {orderId}, {at}) ON CONFLICT DO NOTHING
            """, ct);
        var released = await db.Database.SqlQuery<Guid>($"""
            DELETE FROM stock.reservations WHERE tenant_id = {Tenant} AND order_id = {orderId} RETURNING product_id AS "Value"
            """).ToListAsync(ct);
        await MarkDirtyAsync(released, correlationId, ct);
    }

    /// <summary>
    /// Records delivered orders' sales once per order and product, adds the new ones to the daily sales of the store's
    /// calendar and marks their products dirty, in one statement for a whole batch; returns how many lines were new.
    /// </summary>
    public async Task<int> RecordSalesAsync(IReadOnlyList<Sale> sales, CancellationToken ct)
    {
        var orders = sales.Select(l => l.OrderId).ToArray();
        var products = sales.Select(l => l.ProductId).ToArray();
        var quantities = sales.Select(l => l.Quantity).ToArray();
        var revenues = sales.Select(l => l.Revenue).ToArray();
        var soldAt = sales.Select(l => l.SoldAt.ToUniversalTime()).ToArray();
        var correlations = sales.Select(l => l.CorrelationId).ToArray();
        // Daily rows aggregated and in (product, day) order: two batches then lock the rows they share in one order
        // (no deadlock), and a batch never updates one row twice.
        var recorded = await db.Database.SqlQuery<int>($"""
            WITH line AS (
                SELECT * FROM unnest({orders}, {products}, {quantities}, {revenues}, {soldAt}, {correlations})
                    AS l(order_id, product_id, quantity, revenue, sold_at, correlation_id)),
            sale AS (
                INSERT INTO stock.sales (tenant_id, order_id, product_id, quantity, revenue, sold_at)
                SELECT {Tenant}, order_id, product_id, quantity, revenue, sold_at FROM line ORDER BY product_id, order_id ON CONFLICT DO NOTHING
                RETURNING order_id, product_id, quantity, revenue, sold_at),
            daily AS (
                INSERT INTO stock.daily_sales (tenant_id, product_id, day, quantity, revenue)
                SELECT {Tenant}, product_id, sold_on, sum(quantity), sum(revenue)
                FROM (SELECT product_id, quantity, revenue,
                             (sold_at AT TIME ZONE coalesce((SELECT time_zone FROM stock.settings WHERE tenant_id = {Tenant}), {StockParameters.DefaultTimeZone}))::date AS sold_on
                      FROM sale) s
                GROUP BY product_id, sold_on ORDER BY product_id, sold_on
                ON CONFLICT (tenant_id, product_id, day) DO UPDATE SET quantity = daily_sales.quantity + EXCLUDED.quantity,
                    revenue = daily_sales.revenue + EXCLUDED.revenue),
            dirty AS (
                INSERT INTO stock.dirty_products (tenant_id, product_id, correlation_id)
                SELECT DISTINCT ON (s.product_id) {Tenant}, s.product_id, l.correlation_id FROM sale s JOIN line l USING (order_id, product_id))
            SELECT count(*)::int AS "Value" FROM sale
            """).ToListAsync(ct);
        if (recorded[0] > 0)
            wake.Mark(db, sales.Max(s => s.SoldAt));
        return recorded[0];
    }

    /// <summary>Keeps the Pricing engine's recommended supplier of a product (a newer event only) and marks the product dirty.</summary>
    public async Task RecordBestSupplierAsync(Guid productId, Guid supplierId, decimal? minimum, DateTimeOffset at, Guid correlationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.best_suppliers (tenant_id, product_id, supplier_id, minimum_quantity, event_at) VALUES ({Tenant}, {productId}, {supplierId}, {minimum}, {at})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET supplier_id = EXCLUDED.supplier_id, minimum_quantity = EXCLUDED.minimum_quantity,
                event_at = EXCLUDED.event_at
            WHERE best_suppliers.event_at <= EXCLUDED.event_at
            """, ct);
        await MarkDirtyAsync([productId], correlationId, ct);
    }

    /// <summary>Marks products to be re-assessed by the <see cref="StockAssessor"/> once this transaction commits.</summary>
    public async Task MarkDirtyAsync(IReadOnlyCollection<Guid> productIds, Guid correlationId, CancellationToken ct)
    {
        if (productIds.Count == 0)
            return;
        var ids = productIds.Distinct().ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.dirty_products (tenant_id, product_id, correlation_id) SELECT {Tenant}, p, {correlationId} FROM unnest({ids}) p
            """, ct);
        wake.Mark(db);
    }

    /// <summary>
    /// An order's reserve and release one at a time, until the transaction ends: taken at once (an endpoint handles many
    /// messages together), each would miss the other's uncommitted row and a released order would keep its reservation.
    /// </summary>
    Task LockOrderAsync(Guid orderId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Tenant.ToString() + "order" + orderId}, 0))", ct);

    public Task RecordSkippedAsync(Guid eventId, string messageType, string reason, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.skipped (tenant_id, event_id, message_type, reason, skipped_at) VALUES ({Tenant}, {eventId}, {messageType}, {reason}, {at})
            ON CONFLICT DO NOTHING
            """, ct);
}

/// <summary>A change of stock on hand from the vertical's ledger, in the product's stock unit.</summary>
public sealed record Movement(Guid EventId, Guid ProductId, string Kind, decimal Delta, Guid? DeliveryId, DateTimeOffset At, Guid CorrelationId);

/// <summary>A delivered order's line, summed per product, in the product's stock unit.</summary>
public sealed record Sale(Guid OrderId, Guid ProductId, decimal Quantity, decimal Revenue, DateTimeOffset SoldAt, Guid CorrelationId);
