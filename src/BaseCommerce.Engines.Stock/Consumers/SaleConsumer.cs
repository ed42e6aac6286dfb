using BaseCommerce.Contracts.Orders;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Demand: delivered orders' lines, once per order and product, a batch of one store's orders at a time (their products
/// re-assessed by the assessor). A store never classified, or classified more than a day ago, is reclassified ABC here
/// too (the scheduler does it weekly); catching up a backlog does it at most once a day.
/// </summary>
public sealed class SaleConsumer(StockFacts facts, AbcClassifier abc) : IConsumer<Batch<SaleRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<SaleRecorded>> context)
    {
        var ct = context.CancellationToken;
        var sales = context.Message
            .SelectMany(c => c.Message.Items.GroupBy(i => i.ProductId)
                .Select(g => new Sale(c.Message.OrderId, g.Key, g.Sum(i => i.Quantity), g.Sum(i => i.TotalValue), c.Message.DeliveredAt, c.Message.CorrelationId)))
            .ToList();
        if (await facts.RecordSalesAsync(sales, ct) == 0)
            return;
        if (!await abc.ClassifiedWithinAsync(TimeSpan.FromDays(1), ct))
            await facts.MarkDirtyAsync(await abc.ClassifyAsync(sales[^1].CorrelationId, ct), sales[^1].CorrelationId, ct);
    }
}
