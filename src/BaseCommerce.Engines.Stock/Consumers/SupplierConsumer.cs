using BaseCommerce.Contracts.Pricing;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>The Pricing engine's recommended supplier: purchase suggestions name it and buy in multiples of its minimum quantity.</summary>
public sealed class SupplierConsumer(StockAdvisor advisor) : IConsumer<BestSupplierChanged>
{
    public Task Consume(ConsumeContext<BestSupplierChanged> context) =>
        advisor.BestSupplierAsync(context.Message.ProductId, context.Message.SupplierId, context.Message.MinimumQuantity, context.Message.OccurredAt,
            context.Message.CorrelationId, context.CancellationToken);
}
