using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>Stock on hand, from the vertical's ledger: every <see cref="StockUpdated"/> adds its change once, a batch of one store's at a time.</summary>
public sealed class LedgerConsumer(StockFacts facts) : IConsumer<Batch<StockUpdated>>
{
    public async Task Consume(ConsumeContext<Batch<StockUpdated>> context)
    {
        var ct = context.CancellationToken;
        var updates = context.Message.Select(c => c.Message).ToList();
        var unknown = await facts.ApplyMovementsAsync(
            [.. updates.Select(m => new Movement(m.EventId, m.ProductId, m.MovementType, m.NewQuantity - m.OldQuantity, m.DeliveryId, m.OccurredAt, m.CorrelationId))], ct);
        foreach (var m in updates.Where(m => unknown.Contains(m.EventId)))
            await facts.RecordSkippedAsync(m.EventId, nameof(StockUpdated),
                "Produto ainda desconhecido do motor: a movimentação foi guardada e o produto será avaliado quando seu cadastro chegar.", m.OccurredAt, ct);
    }
}
