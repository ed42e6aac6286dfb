using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Recomputes a whole store from the facts the engine keeps (the scheduler's timetable, or an operator after a formula
/// change): one set-based pass finds the products whose figures moved, and only those are re-assessed and published.
/// </summary>
public sealed class RecomputeConsumer(StockAdvisor advisor, AbcClassifier abc) : IConsumer<RecomputeStock>, IConsumer<RecomputeAbc>
{
    public async Task Consume(ConsumeContext<RecomputeStock> context)
    {
        foreach (var product in await advisor.ChangedProductsAsync(context.CancellationToken))
            await advisor.AssessAsync(product, context.Message.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<RecomputeAbc> context)
    {
        foreach (var product in await abc.ClassifyAsync(context.Message.CorrelationId, context.CancellationToken))
            await advisor.AssessAsync(product, context.Message.CorrelationId, context.CancellationToken);
    }

}
