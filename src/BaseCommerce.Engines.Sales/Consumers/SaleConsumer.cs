using BaseCommerce.Contracts.Orders;
using BaseCommerce.Engines.Sales.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Sales.Consumers;

/// <summary>
/// A delivered order: recorded once, then the complements of each of its products (their order counts changed), the
/// customer's pattern and the store's bundles are recomputed. (The original skipped single-item orders, which left the
/// frequencies of the product's complements too high.)
/// </summary>
public sealed class SaleConsumer(SalesFacts facts, SalesAdvisor advisor) : IConsumer<SaleRecorded>
{
    public async Task Consume(ConsumeContext<SaleRecorded> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var products = m.Items.GroupBy(i => i.ProductId).Select(g => (g.Key, g.Sum(i => i.Quantity))).ToList();
        if (!await facts.RecordOrderAsync(m.OrderId, m.CustomerId, products, m.DeliveredAt, ct))
            return;
        foreach (var (product, _) in products.OrderBy(p => p.Key))
            await advisor.ComplementsAsync(product, m.CorrelationId, ct);
        await advisor.PatternAsync(m.CustomerId, m.CorrelationId, ct);
        if (products.Count > 1)
            await advisor.BundlesAsync(m.CorrelationId, ct);
    }
}
