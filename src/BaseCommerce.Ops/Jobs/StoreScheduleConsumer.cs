using BaseCommerce.Contracts.Settings;
using BaseCommerce.Ops.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// A store admin chose new hours or a new time zone: kept (a newer event only; an event without a zone keeps the stored
/// one) and the store's recurring jobs moved to them at once.
/// </summary>
public sealed class StoreScheduleConsumer(OpsDb db, ScheduleSync sync) : IConsumer<StoreScheduleChanged>
{
    public async Task Consume(ConsumeContext<StoreScheduleChanged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var tenant = db.Tenant.Tenant!;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ops.store_schedules (tenant_id, stock_recompute_hour, pricing_refresh_hour, route_planning_hour, time_zone, event_at)
            VALUES ({tenant.Id}, {m.StockRecomputeHour}, {m.PricingRefreshHour}, {m.RoutePlanningHour}, {m.TimeZone ?? StoreSchedule.DefaultTimeZone}, {m.OccurredAt})
            ON CONFLICT (tenant_id) DO UPDATE SET stock_recompute_hour = EXCLUDED.stock_recompute_hour,
                pricing_refresh_hour = EXCLUDED.pricing_refresh_hour, route_planning_hour = EXCLUDED.route_planning_hour,
                time_zone = coalesce({m.TimeZone}, store_schedules.time_zone), event_at = EXCLUDED.event_at
            WHERE store_schedules.event_at <= EXCLUDED.event_at
            """, ct);
        await sync.SyncStoreAsync(tenant.Id, tenant.Slug, await StoreSchedule.OfAsync(db, tenant.Id, ct), ct);
    }
}
