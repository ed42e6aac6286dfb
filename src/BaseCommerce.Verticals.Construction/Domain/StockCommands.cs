using BaseCommerce.Contracts.Stock;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// Stock receipts (entradas, from a supplier) and adjustments (ajustes, with a reason): one <see cref="StockLedger"/>
/// move each, with its events.
/// </summary>
public sealed class StockCommands(ConstructionDb db, StockLedger ledger, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public async Task<StockMovement> ReceiveAsync(EntradaEstoqueInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        new Validation()
            .Check(input.Quantidade is > 0, "quantidade", "A quantidade recebida deve ser maior que zero.")
            .Check(input.CustoUnitario is null or >= 0, "custo_unitario", "O custo unitário não pode ser negativo.")
            .ThrowIfInvalid();
        if (input.FornecedorId is { } supplier && !await db.Suppliers.AnyAsync(s => s.Id == supplier, ct))
            throw ProblemException.NotFound("Fornecedor");
        return await MoveAsync(input.ProdutoId!.Value, StockLedger.Receipt, input.Quantidade!.Value, input.FornecedorId, input.CustoUnitario, input.Observacao, ct,
            (movement, now) => [
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
        return await MoveAsync(input.ProdutoId!.Value, StockLedger.Adjustment, input.Quantidade!.Value, null, null, input.Motivo!.Trim(), ct,
            (movement, now) => [
                new StockAdjusted(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, movement.ProductId, movement.Delta,
                    movement.QuantityAfter, movement.Reason!, actor.UserId),
            ]);
    }

    static ProblemException NegativeStock() => ProblemException.Conflict("O ajuste deixaria o estoque negativo; confira a quantidade.");

    async Task<StockMovement> MoveAsync(Guid productId, string kind, decimal delta, Guid? supplierId, decimal? unitCost, string? reason,
        CancellationToken ct, Func<StockMovement, DateTimeOffset, object[]> events)
    {
        if (!await db.Products.AnyAsync(p => p.Id == productId, ct))
            throw ProblemException.NotFound("Produto");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        StockMovement movement;
        try
        {
            movement = await ledger.MoveAsync(new StockMove(productId, kind, delta, supplierId, unitCost, reason), now, ct);
        }
        catch (NegativeStockException)
        {
            throw NegativeStock();
        }
        foreach (var message in events(movement, now))
            await publish.Publish(message, message.GetType(), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return movement;
    }
}
