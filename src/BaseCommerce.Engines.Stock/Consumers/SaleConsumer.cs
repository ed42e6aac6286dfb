using BaseCommerce.Contracts.Orders;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Demand: each delivered order's lines, once per order and product. A store never classified, or classified more than a
/// day ago, is reclassified ABC here too (the scheduler does it weekly); catching up a backlog does it at most once a day.
/// </summary>
public sealed class SaleConsumer(StockFacts facts, StockAdvisor advisor, AbcClassifier abc, TimeProvider clock) : IConsumer<SaleRecorded>
{
    public async Task Consume(ConsumeContext<SaleRecorded> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var lines = m.Items.GroupBy(i => i.ProductId).Select(g => (g.Key, g.Sum(i => i.Quantity), g.Sum(i => i.TotalValue)));
        var recorded = await facts.RecordSalesAsync(m.OrderId, lines, m.DeliveredAt, ct);
        if (recorded.Count == 0)
            return;
        var products = recorded.ToHashSet();
        if (await abc.LastRunAsync(ct) is not { } last || clock.GetUtcNow() - last > TimeSpan.FromDays(1))
            products.UnionWith(await abc.ClassifyAsync(m.CorrelationId, ct));
        foreach (var product in products.Order())
            await advisor.AssessAsync(product, m.CorrelationId, ct);
    }
}
