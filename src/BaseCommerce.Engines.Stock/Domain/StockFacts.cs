using BaseCommerce.Engines.Stock.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// The facts the engine keeps, written so that applying an event twice changes nothing: each fact is keyed by what it
/// comes from (an event id, an order and product) and inserted only once. Every statement names the tenant as well as
/// running under its row-level security.
/// </summary>
public sealed class StockFacts(StockDb db)
{
    Guid Tenant => db.Tenant.TenantId;

    public Task RegisterProductAsync(Guid productId, string name, string unit, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.products (tenant_id, product_id, name, unit, registered_at) VALUES ({Tenant}, {productId}, {name}, {unit}, {at})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit
            """, ct);

    public async Task<bool> ProductKnownAsync(Guid productId, CancellationToken ct) =>
        await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM stock.products WHERE tenant_id = {Tenant} AND product_id = {productId}").AnyAsync(ct);

    /// <summary>Adds a movement to on hand once per event; false when the event was applied before.</summary>
    public async Task<bool> ApplyMovementAsync(Guid eventId, Guid productId, string kind, decimal delta, Guid? deliveryId, DateTimeOffset at,
        CancellationToken ct)
    {
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.movements (tenant_id, event_id, product_id, kind, delta, delivery_id, occurred_at)
            VALUES ({Tenant}, {eventId}, {productId}, {kind}, {delta}, {deliveryId}, {at}) ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 0)
            return false;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.levels (tenant_id, product_id, on_hand) VALUES ({Tenant}, {productId}, {delta})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET on_hand = levels.on_hand + EXCLUDED.on_hand
            """, ct);
        return true;
    }

    /// <summary>Reserves an order's quantities, unless the order was already released (its events can arrive out of order).</summary>
    public async Task<IReadOnlyList<Guid>> ReserveAsync(Guid orderId, IReadOnlyDictionary<Guid, decimal> quantities, CancellationToken ct)
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
        return reserved;
    }

    /// <summary>Releases an order for good (it left or was cancelled); returns the products whose reservations went.</summary>
    public async Task<IReadOnlyList<Guid>> ReleaseAsync(Guid orderId, DateTimeOffset at, CancellationToken ct)
    {
        await LockOrderAsync(orderId, ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.released_orders (tenant_id, order_id, released_at) VALUES ({Tenant}, {orderId}, {at}) ON CONFLICT DO NOTHING
            """, ct);
        return await db.Database.SqlQuery<Guid>($"""
            DELETE FROM stock.reservations WHERE tenant_id = {Tenant} AND order_id = {orderId} RETURNING product_id AS "Value"
            """).ToListAsync(ct);
    }

    /// <summary>Records a delivered order's sales, once per order and product; returns the products recorded now.</summary>
    public async Task<IReadOnlyList<Guid>> RecordSalesAsync(Guid orderId, IEnumerable<(Guid ProductId, decimal Quantity, decimal Revenue)> lines,
        DateTimeOffset soldAt, CancellationToken ct)
    {
        var recorded = new List<Guid>();
        foreach (var line in lines)
        {
            var rows = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO stock.sales (tenant_id, order_id, product_id, quantity, revenue, sold_at)
                VALUES ({Tenant}, {orderId}, {line.ProductId}, {line.Quantity}, {line.Revenue}, {soldAt}) ON CONFLICT DO NOTHING
                """, ct);
            if (rows > 0)
                recorded.Add(line.ProductId);
        }
        return recorded;
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
