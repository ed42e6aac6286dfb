using BaseCommerce.Contracts.Settings;
using BaseCommerce.Ops.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Ops.Jobs;

/// <summary>A store admin chose new hours: kept (a newer event only) and the store's recurring jobs moved to them at once.</summary>
public sealed class StoreScheduleConsumer(OpsDb db, ScheduleSync sync) : IConsumer<StoreScheduleChanged>
{
    public async Task Consume(ConsumeContext<StoreScheduleChanged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var tenant = db.Tenant.Tenant!;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ops.store_schedules (tenant_id, stock_recompute_hour, pricing_refresh_hour, route_planning_hour, event_at)
            VALUES ({tenant.Id}, {m.StockRecomputeHour}, {m.PricingRefreshHour}, {m.RoutePlanningHour}, {m.OccurredAt})
            ON CONFLICT (tenant_id) DO UPDATE SET stock_recompute_hour = EXCLUDED.stock_recompute_hour,
                pricing_refresh_hour = EXCLUDED.pricing_refresh_hour, route_planning_hour = EXCLUDED.route_planning_hour, event_at = EXCLUDED.event_at
            WHERE store_schedules.event_at <= EXCLUDED.event_at
            """, ct);
        var current = await db.Database.SqlQuery<ScheduleRow>($"""
            SELECT stock_recompute_hour AS "Stock", pricing_refresh_hour AS "Pricing", route_planning_hour AS "Routes"
            FROM ops.store_schedules WHERE tenant_id = {tenant.Id}
            """).SingleAsync(ct);
        await sync.SyncStoreAsync(tenant.Id, tenant.Slug, new StoreSchedule(current.Stock, current.Pricing, current.Routes), ct);
    }

    sealed record ScheduleRow(int Stock, int Pricing, int Routes);
}
