using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// Stock receipts (entradas, from a supplier) and adjustments (ajustes, with a reason). Each is a movement row plus one
/// atomic change of the current quantity, which the database keeps at zero or more; and its events.
/// </summary>
public sealed class StockCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public const string Receipt = "entrada";
    public const string Adjustment = "ajuste";

    public async Task<StockMovement> ReceiveAsync(EntradaEstoqueInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        new Validation()
            .Check(input.Quantidade is > 0, "quantidade", "A quantidade recebida deve ser maior que zero.")
            .Check(input.CustoUnitario is null or >= 0, "custo_unitario", "O custo unitário não pode ser negativo.")
            .ThrowIfInvalid();
        if (input.FornecedorId is { } supplier && !await db.Suppliers.AnyAsync(s => s.Id == supplier, ct))
            throw ProblemException.NotFound("Fornecedor");
        return await MoveAsync(input.ProdutoId!.Value, Receipt, input.Quantidade!.Value, input.FornecedorId, input.CustoUnitario, input.Observacao, ct,
            (movement, before, now) => [
                new StockReceived(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, movement.ProductId, movement.SupplierId,
                    movement.Delta, movement.UnitCost, movement.QuantityAfter, actor.UserId),
            ]);
    }

    /// <summary>A signed correction (count, loss, breakage). One that would leave the stock below zero is refused (409).</summary>
    public async Task<StockMovement> AdjustAsync(AjusteEstoqueInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        new Validation()
            .Check(input.Quantidade is not 0, "quantidade", "Informe a quantidade do ajuste, positiva ou negativa, diferente de zero.")
            .Check(!string.IsNullOrWhiteSpace(input.Motivo), "motivo", "Informe o motivo do ajuste.")
            .ThrowIfInvalid();
        return await MoveAsync(input.ProdutoId!.Value, Adjustment, input.Quantidade!.Value, null, null, input.Motivo!.Trim(), ct,
            (movement, before, now) => [
                new StockAdjusted(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, movement.ProductId, movement.Delta,
                    movement.QuantityAfter, movement.Reason!, actor.UserId),
            ]);
    }

    static ProblemException NegativeStock() => ProblemException.Conflict("O ajuste deixaria o estoque negativo; confira a quantidade.");

    async Task<StockMovement> MoveAsync(Guid productId, string kind, decimal delta, Guid? supplierId, decimal? unitCost, string? reason,
        CancellationToken ct, Func<StockMovement, decimal, DateTimeOffset, object[]> events)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
            throw ProblemException.NotFound("Produto");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        decimal after;
        try
        {
            // One statement: concurrent movements of a product serialise on its row, and the CHECK keeps it at zero or more.
            // (An upsert would check its VALUES row before resolving the conflict, so a decrease is an UPDATE.)
            var rows = delta > 0
                ? await db.Database.SqlQuery<decimal>($"""
                    INSERT INTO construction.estoque (tenant_id, product_id, quantity, updated_at) VALUES ({db.Tenant.TenantId}, {productId}, {delta}, {now})
                    ON CONFLICT (tenant_id, product_id) DO UPDATE SET quantity = estoque.quantity + EXCLUDED.quantity, updated_at = EXCLUDED.updated_at
                    RETURNING quantity AS "Value"
                    """).ToListAsync(ct)
                : await db.Database.SqlQuery<decimal>($"""
                    UPDATE construction.estoque SET quantity = quantity + {delta}, updated_at = {now}
                    WHERE tenant_id = {db.Tenant.TenantId} AND product_id = {productId}
                    RETURNING quantity AS "Value"
                    """).ToListAsync(ct);
            after = rows.Count == 1 ? rows[0] : throw NegativeStock();
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == "23514")
        {
            throw NegativeStock();
        }
        var movement = new StockMovement
        {
            ProductId = productId, Kind = kind, Delta = delta, QuantityAfter = after, SupplierId = supplierId, UnitCost = unitCost,
            Reason = Text.Clean(reason), CreatedBy = actor.UserId, CreatedAt = now,
        };
        db.StockMovements.Add(movement);
        var before = after - delta;
        foreach (var message in events(movement, before, now))
            await publish.Publish(message, message.GetType(), ct);
        await publish.Publish(new StockUpdated(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, productId, before, after, kind,
            movement.Reason, actor.UserId), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return movement;
    }
}
