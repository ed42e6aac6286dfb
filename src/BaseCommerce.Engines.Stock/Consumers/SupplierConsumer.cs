using BaseCommerce.Contracts.Pricing;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>The Pricing engine's recommended supplier: purchase suggestions name it and buy in multiples of its minimum quantity.</summary>
public sealed class SupplierConsumer(StockFacts facts) : IConsumer<BestSupplierChanged>
{
    public Task Consume(ConsumeContext<BestSupplierChanged> context)
    {
        var m = context.Message;
        return facts.RecordBestSupplierAsync(m.ProductId, m.SupplierId, m.MinimumQuantity, m.OccurredAt, m.CorrelationId, context.CancellationToken);
    }
}
