using BaseCommerce.Contracts.Catalog;
using BaseCommerce.Contracts.Pricing;
using BaseCommerce.Contracts.Settings;
using BaseCommerce.Contracts.Suppliers;
using BaseCommerce.Engines.Pricing.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Pricing.Consumers;

/// <summary>Supplier prices and the catalogue's sale prices in; comparisons, best suppliers, suggested prices and alerts out.</summary>
public sealed class PricingConsumer(PricingAdvisor advisor) :
    IConsumer<SupplierPriceRegistered>, IConsumer<ProductRegistered>, IConsumer<ProductUpdated>, IConsumer<ProductPriceUpdated>, IConsumer<RefreshPricing>,
    IConsumer<StoreSettingsChanged>
{
    public async Task Consume(ConsumeContext<StoreSettingsChanged> context)
    {
        var m = context.Message;
        await advisor.SaveMarginsAsync(new Margins(m.TargetMarginPercent, m.MinimumMarginPercent, m.MaximumMarginPercent), context.CancellationToken);
        foreach (var product in await advisor.ProductsWithPricesAsync(context.CancellationToken))
            await advisor.AssessAsync(product, m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<SupplierPriceRegistered> context)
    {
        var m = context.Message;
        if (await advisor.RegisterAsync(m.EventId, m.SupplierId, m.ProductId, m.Price, m.PreviousPrice, m.MinimumQuantity, m.OccurredAt, m.CorrelationId,
                context.CancellationToken))
            await advisor.AssessAsync(m.ProductId, m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ProductRegistered> context)
    {
        var m = context.Message;
        await advisor.UpsertProductAsync(m.ProductId, m.Name, m.BasePrice, context.CancellationToken);
        await advisor.AssessAsync(m.ProductId, m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ProductUpdated> context)
    {
        var m = context.Message;
        await advisor.UpsertProductAsync(m.ProductId, m.Name, m.BasePrice, context.CancellationToken);
        await advisor.AssessAsync(m.ProductId, m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<ProductPriceUpdated> context)
    {
        if (await advisor.ChangeSalePriceAsync(context.Message.ProductId, context.Message.NewPrice, context.CancellationToken))
            await advisor.AssessAsync(context.Message.ProductId, context.Message.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<RefreshPricing> context)
    {
        foreach (var product in await advisor.ProductsWithPricesAsync(context.CancellationToken))
            await advisor.AssessAsync(product, context.Message.CorrelationId, context.CancellationToken);
    }
}
