using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>Stock on hand, from the vertical's ledger: every <see cref="StockUpdated"/> adds its change once.</summary>
public sealed class LedgerConsumer(StockFacts facts) : IConsumer<StockUpdated>
{
    public async Task Consume(ConsumeContext<StockUpdated> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var known = await facts.ApplyMovementAsync(m.EventId, m.ProductId, m.MovementType, m.NewQuantity - m.OldQuantity, m.DeliveryId, m.OccurredAt,
            m.CorrelationId, ct);
        if (known == false)
            await facts.RecordSkippedAsync(m.EventId, nameof(StockUpdated),
                "Produto ainda desconhecido do motor: a movimentação foi guardada e o produto será avaliado quando seu cadastro chegar.", m.OccurredAt, ct);
    }
}
