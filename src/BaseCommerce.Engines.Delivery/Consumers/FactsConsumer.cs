using BaseCommerce.Contracts.Catalog;
using BaseCommerce.Contracts.Orders;
using BaseCommerce.Contracts.Settings;
using BaseCommerce.Contracts.Sites;
using BaseCommerce.Engines.Delivery.Data;
using BaseCommerce.Engines.Delivery.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Delivery.Consumers;

/// <summary>
/// What routes are planned from: products' weights, sites' places, orders and their statuses, the store's vehicles and
/// costs. A change that can move today's routes re-plans today.
/// </summary>
public sealed class FactsConsumer(DeliveryDb db, DeliveryAdvisor advisor) :
    IConsumer<ProductRegistered>, IConsumer<ProductUpdated>, IConsumer<SiteRegistered>, IConsumer<OrderCreated>, IConsumer<OrderStatusChanged>,
    IConsumer<OrderCancelled>, IConsumer<StoreSettingsChanged>
{
    Guid Tenant => db.Tenant.TenantId;

    public Task Consume(ConsumeContext<ProductRegistered> context) => WeightAsync(context.Message.ProductId, context.Message.WeightKg, context.CancellationToken);

    public Task Consume(ConsumeContext<ProductUpdated> context) => WeightAsync(context.Message.ProductId, context.Message.WeightKg, context.CancellationToken);

    public async Task Consume(ConsumeContext<SiteRegistered> context)
    {
        var m = context.Message;
        var cep = m.Cep is null ? null : new string([.. m.Cep.Where(char.IsAsciiDigit)]);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.sites (tenant_id, site_id, city, cep, latitude, longitude) VALUES ({Tenant}, {m.SiteId}, {m.City}, {cep}, {m.Latitude}, {m.Longitude})
            ON CONFLICT (tenant_id, site_id) DO UPDATE SET city = EXCLUDED.city, cep = EXCLUDED.cep, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude
            """, context.CancellationToken);
        await ReplanTodayAsync(m.CorrelationId, context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<OrderCreated> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        // A status that arrived first (the events of one order can be taken out of order) is kept.
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.orders (tenant_id, order_id, number, site_id, city, status, status_at)
            VALUES ({Tenant}, {m.OrderId}, {m.OrderNumber}, {m.SiteId}, {m.SiteCity}, 'pendente', {m.OccurredAt})
            ON CONFLICT (tenant_id, order_id) DO UPDATE SET number = EXCLUDED.number, site_id = EXCLUDED.site_id, city = EXCLUDED.city
            """, ct);
        foreach (var item in m.Items.GroupBy(i => i.ProductId))
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO delivery.order_items (tenant_id, order_id, product_id, quantity) VALUES ({Tenant}, {m.OrderId}, {item.Key}, {item.Sum(i => i.Quantity)})
                ON CONFLICT DO NOTHING
                """, ct);
        if (inserted > 0)
            await ReplanTodayAsync(m.CorrelationId, ct);
    }

    public Task Consume(ConsumeContext<OrderStatusChanged> context) =>
        StatusAsync(context.Message.OrderId, context.Message.OrderNumber, context.Message.NewStatus, context.Message.ChangedAt, context.Message.CorrelationId,
            context.CancellationToken);

    public Task Consume(ConsumeContext<OrderCancelled> context) =>
        StatusAsync(context.Message.OrderId, context.Message.OrderNumber, "cancelado", context.Message.OccurredAt, context.Message.CorrelationId,
            context.CancellationToken);

    public async Task Consume(ConsumeContext<StoreSettingsChanged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.settings (tenant_id, fixed_cost, depot_latitude, depot_longitude, time_zone)
            VALUES ({Tenant}, {m.RouteFixedCost}, {m.DepotLatitude}, {m.DepotLongitude}, {m.TimeZone ?? "America/Sao_Paulo"})
            ON CONFLICT (tenant_id) DO UPDATE SET fixed_cost = EXCLUDED.fixed_cost, depot_latitude = EXCLUDED.depot_latitude, depot_longitude = EXCLUDED.depot_longitude,
                time_zone = coalesce({m.TimeZone}, settings.time_zone)
            """, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM delivery.vehicles WHERE tenant_id = {Tenant}", ct);
        foreach (var v in m.Vehicles)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO delivery.vehicles (tenant_id, name, capacity_kg, cost_per_km) VALUES ({Tenant}, {v.Name}, {v.CapacityKg}, {v.CostPerKm})
                ON CONFLICT DO NOTHING
                """, ct);
        await ReplanTodayAsync(m.CorrelationId, ct);
    }

    async Task StatusAsync(Guid orderId, string number, string status, DateTimeOffset at, Guid correlationId, CancellationToken ct)
    {
        var moved = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.orders (tenant_id, order_id, number, status, status_at) VALUES ({Tenant}, {orderId}, {number}, {status}, {at})
            ON CONFLICT (tenant_id, order_id) DO UPDATE SET status = EXCLUDED.status, status_at = EXCLUDED.status_at
            WHERE orders.status_at <= EXCLUDED.status_at
            """, ct);
        if (moved > 0)
            await ReplanTodayAsync(correlationId, ct);
    }

    Task WeightAsync(Guid productId, decimal? weight, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.products (tenant_id, product_id, weight_kg) VALUES ({Tenant}, {productId}, {weight})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET weight_kg = EXCLUDED.weight_kg
            """, ct);

    async Task ReplanTodayAsync(Guid correlationId, CancellationToken ct) => await advisor.PlanAsync(await advisor.TodayAsync(ct), correlationId, ct);
}
