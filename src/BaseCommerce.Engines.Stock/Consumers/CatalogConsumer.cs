using BaseCommerce.Contracts.Catalog;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>The products the engine knows (name and stock unit); a product whose facts arrived first is assessed now.</summary>
public sealed class CatalogConsumer(StockFacts facts) : IConsumer<ProductRegistered>, IConsumer<ProductUpdated>
{
    public Task Consume(ConsumeContext<ProductUpdated> context) =>
        facts.RegisterProductAsync(context.Message.ProductId, context.Message.Name, context.Message.Unit, context.Message.OccurredAt, context.CancellationToken);

    public async Task Consume(ConsumeContext<ProductRegistered> context)
    {
        var m = context.Message;
        await facts.RegisterProductAsync(m.ProductId, m.Name, m.Unit, m.OccurredAt, context.CancellationToken);
        await facts.MarkDirtyAsync([m.ProductId], m.CorrelationId, context.CancellationToken);
    }
}
