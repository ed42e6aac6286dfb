using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>One change of stock on hand, as <see cref="StockLedger.MoveAsync"/> writes it.</summary>
public sealed record StockMove(Guid ProductId, string Kind, decimal Delta, Guid? SupplierId = null, decimal? UnitCost = null,
    string? Reason = null, Guid? DeliveryId = null, Guid? OrderId = null);

/// <summary>
/// The one source of truth for stock on hand: a movement row plus one atomic change of the product's quantity, which
/// the database keeps at zero or more, and its <see cref="StockUpdated"/>. Callers hold the transaction, so the
/// movement commits or rolls back with the business change that caused it (a receipt, an order leaving).
/// </summary>
public sealed class StockLedger(ConstructionDb db, IPublishEndpoint publish, Actor actor)
{
    public const string Receipt = "entrada";
    public const string Adjustment = "ajuste";
    public const string Outgoing = "saida";
    public const string WriteBack = "estorno";

    /// <summary>Applies a move inside the caller's transaction; <see cref="NegativeStockException"/> when it would leave less than zero.</summary>
    public async Task<StockMovement> MoveAsync(StockMove move, DateTimeOffset now, CancellationToken ct)
    {
        decimal after;
        try
        {
            // One statement: concurrent movements of a product serialise on its row, and the CHECK keeps it at zero or more.
            // (An upsert would check its VALUES row before resolving the conflict, so a decrease is an UPDATE.)
            var rows = move.Delta > 0
                ? await db.Database.SqlQuery<decimal>($"""
                    INSERT INTO construction.estoque (tenant_id, product_id, quantity, updated_at) VALUES ({db.Tenant.TenantId}, {move.ProductId}, {move.Delta}, {now})
                    ON CONFLICT (tenant_id, product_id) DO UPDATE SET quantity = estoque.quantity + EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
                    RETURNING quantity AS "Value"
                    """).ToListAsync(ct)
                : await db.Database.SqlQuery<decimal>($"""
                    UPDATE construction.estoque SET quantity = quantity + {move.Delta}, updated_at = {now}
                    WHERE tenant_id = {db.Tenant.TenantId} AND product_id = {move.ProductId}
                    RETURNING quantity AS "Value"
                    """).ToListAsync(ct);
            after = rows.Count == 1 ? rows[0] : throw new NegativeStockException(move.ProductId);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "23514")
        {
            throw new NegativeStockException(move.ProductId);
        }
        var movement = new StockMovement
        {
            ProductId = move.ProductId, Kind = move.Kind, Delta = move.Delta, QuantityAfter = after, SupplierId = move.SupplierId,
            UnitCost = move.UnitCost, Reason = Text.Clean(move.Reason), DeliveryId = move.DeliveryId, CreatedBy = actor.UserId, CreatedAt = now,
        };
        db.StockMovements.Add(movement);
        await publish.Publish(new StockUpdated(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, move.ProductId, after - move.Delta, after,
            move.Kind, movement.Reason, actor.UserId, move.DeliveryId, move.OrderId), ct);
        return movement;
    }

    /// <summary>The products of <paramref name="needed"/> whose stock on hand is short, locked in product order until the transaction ends.</summary>
    public async Task<IReadOnlyList<(Guid ProductId, decimal OnHand, decimal Needed)>> LockShortAsync(IReadOnlyDictionary<Guid, decimal> needed,
        CancellationToken ct)
    {
        var ids = needed.Keys.OrderBy(id => id).ToArray();
        // Locked in one order, so two deliveries of the same products cannot deadlock each other.
        var onHand = await db.Database.SqlQuery<StockRow>($"""
            SELECT product_id AS "ProductId", quantity AS "Quantity" FROM construction.estoque
            WHERE tenant_id = {db.Tenant.TenantId} AND product_id = ANY({ids}) ORDER BY product_id FOR UPDATE
            """).ToDictionaryAsync(r => r.ProductId, r => r.Quantity, ct);
        return [.. ids.Select(id => (id, onHand.GetValueOrDefault(id), needed[id])).Where(r => r.Item2 < r.Item3)];
    }

    sealed record StockRow(Guid ProductId, decimal Quantity);
}

/// <summary>A move that would leave a product's stock below zero.</summary>
public sealed class NegativeStockException(Guid productId) : Exception($"Stock of product {productId} would go below zero.")
{
    public Guid ProductId { get; } = productId;
}
