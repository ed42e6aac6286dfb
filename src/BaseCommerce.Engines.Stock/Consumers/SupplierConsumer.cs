using BaseCommerce.Contracts.Pricing;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>The Pricing engine's recommended supplier: purchase suggestions name it and buy in multiples of its minimum quantity.</summary>
public sealed class SupplierConsumer(StockAdvisor advisor, StockFacts facts) : IConsumer<BestSupplierChanged>
{
    public async Task Consume(ConsumeContext<BestSupplierChanged> context)
    {
        var m = context.Message;
        await advisor.BestSupplierAsync(m.ProductId, m.SupplierId, m.MinimumQuantity, m.OccurredAt, context.CancellationToken);
        await facts.MarkDirtyAsync([m.ProductId], m.CorrelationId, context.CancellationToken);
    }
}
