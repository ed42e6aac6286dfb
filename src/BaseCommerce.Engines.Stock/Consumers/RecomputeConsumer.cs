using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Data;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>Recomputes a whole store from the facts the engine keeps (the scheduler's timetable, or an operator after a formula change).</summary>
public sealed class RecomputeConsumer(StockDb db, StockAdvisor advisor, AbcClassifier abc) : IConsumer<RecomputeStock>, IConsumer<RecomputeAbc>
{
    public async Task Consume(ConsumeContext<RecomputeStock> context)
    {
        foreach (var product in await ProductsAsync(context.CancellationToken))
            await advisor.AssessAsync(product, context.Message.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<RecomputeAbc> context)
    {
        foreach (var product in await abc.ClassifyAsync(context.Message.CorrelationId, context.CancellationToken))
            await advisor.AssessAsync(product, context.Message.CorrelationId, context.CancellationToken);
    }

    async Task<List<Guid>> ProductsAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>($"SELECT product_id AS \"Value\" FROM stock.products WHERE tenant_id = {db.Tenant.TenantId} ORDER BY product_id")
            .ToListAsync(ct);
}
