using BaseCommerce.Contracts.Orders;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Demand: each delivered order's lines, once per order and product (their products re-assessed by the assessor). A
/// store never classified, or classified more than a day ago, is reclassified ABC here too (the scheduler does it
/// weekly); catching up a backlog does it at most once a day.
/// </summary>
public sealed class SaleConsumer(StockFacts facts, AbcClassifier abc) : IConsumer<SaleRecorded>
{
    public async Task Consume(ConsumeContext<SaleRecorded> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var lines = m.Items.GroupBy(i => i.ProductId).Select(g => (g.Key, g.Sum(i => i.Quantity), g.Sum(i => i.TotalValue))).ToList();
        if (await facts.RecordSalesAsync(m.OrderId, lines, m.DeliveredAt, m.CorrelationId, ct) == 0)
            return;
        if (!await abc.ClassifiedWithinAsync(TimeSpan.FromDays(1), ct))
            await facts.MarkDirtyAsync(await abc.ClassifyAsync(m.CorrelationId, ct), m.CorrelationId, ct);
    }
}
