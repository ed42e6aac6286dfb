using BaseCommerce.Contracts.Sales;
using BaseCommerce.Engines.Sales.Data;
using BaseCommerce.Engines.Sales.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Sales.Consumers;

/// <summary>Recomputes every list of a store from the facts (the windows move with time; or after a formula change).</summary>
public sealed class RecomputeConsumer(SalesDb db, SalesAdvisor advisor) : IConsumer<RecomputeSales>
{
    public async Task Consume(ConsumeContext<RecomputeSales> context)
    {
        var ct = context.CancellationToken;
        var tenant = db.Tenant.TenantId;
        var correlation = context.Message.CorrelationId;
        foreach (var product in await db.Database.SqlQuery<Guid>($"SELECT product_id AS \"Value\" FROM sales.products WHERE tenant_id = {tenant} ORDER BY 1").ToListAsync(ct))
            await advisor.ComplementsAsync(product, correlation, ct);
        foreach (var unit in await db.Database.SqlQuery<string>($"SELECT DISTINCT unit AS \"Value\" FROM sales.products WHERE tenant_id = {tenant} ORDER BY 1").ToListAsync(ct))
            await advisor.SubstitutesAsync(unit, correlation, ct);
        foreach (var customer in await db.Database.SqlQuery<Guid>($"SELECT DISTINCT customer_id AS \"Value\" FROM sales.order_lines WHERE tenant_id = {tenant} ORDER BY 1").ToListAsync(ct))
            await advisor.PatternAsync(customer, correlation, ct);
        await advisor.BundlesAsync(correlation, ct);
    }
}
