using BaseCommerce.Contracts.Catalog;
using BaseCommerce.Engines.Sales.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Sales.Consumers;

/// <summary>The catalogue: a product's unit, price or activity moves the substitutes of its unit (and of its old unit).</summary>
public sealed class CatalogConsumer(SalesFacts facts, SalesAdvisor advisor) :
    IConsumer<ProductRegistered>, IConsumer<ProductUpdated>, IConsumer<ProductPriceUpdated>
{
    public async Task Consume(ConsumeContext<ProductRegistered> context)
    {
        var m = context.Message;
        await facts.UpsertProductAsync(m.ProductId, m.Name, m.Unit, m.BasePrice, true, context.CancellationToken);
        await advisor.SubstitutesAsync(m.Unit, m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ProductUpdated> context)
    {
        var m = context.Message;
        var before = await facts.UpsertProductAsync(m.ProductId, m.Name, m.Unit, m.BasePrice, m.Active, context.CancellationToken);
        await advisor.SubstitutesAsync(m.Unit, m.CorrelationId, context.CancellationToken);
        if (before is not null && before != m.Unit)
            await advisor.SubstitutesAsync(before, m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ProductPriceUpdated> context)
    {
        if (await facts.ChangePriceAsync(context.Message.ProductId, context.Message.NewPrice, context.CancellationToken) is { } unit)
            await advisor.SubstitutesAsync(unit, context.Message.CorrelationId, context.CancellationToken);
    }
}
