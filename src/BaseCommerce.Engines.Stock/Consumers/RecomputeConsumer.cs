using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Recomputes a whole store from the facts the engine keeps (the scheduler's timetable, or an operator after a formula
/// change): one set-based pass finds the products whose figures moved, and only those are marked for the assessor.
/// </summary>
public sealed class RecomputeConsumer(StockAdvisor advisor, AbcClassifier abc, StockFacts facts) : IConsumer<RecomputeStock>, IConsumer<RecomputeAbc>
{
    public async Task Consume(ConsumeContext<RecomputeStock> context) =>
        await facts.MarkDirtyAsync(await advisor.ChangedProductsAsync(context.CancellationToken), context.Message.CorrelationId, context.CancellationToken);

    public async Task Consume(ConsumeContext<RecomputeAbc> context) =>
        await facts.MarkDirtyAsync(await abc.ClassifyAsync(context.Message.CorrelationId, context.CancellationToken), context.Message.CorrelationId,
            context.CancellationToken);
}
