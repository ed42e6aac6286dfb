using System.Text.Json;
using BaseCommerce.Contracts;
using BaseCommerce.Contracts.Delivery;
using BaseCommerce.Engines.Delivery.Data;
using MassTransit;

namespace BaseCommerce.Engines.Delivery.Domain;

/// <summary>
/// Plans a day's routes from the orders em_preparacao or saiu_entrega, and those delivered from the day's routes
/// (<see cref="RoutePlanner"/>), publishing the plan
/// and each order's cost share when they change, and tracks each route's progress from what the driver records.
/// </summary>
public sealed class DeliveryAdvisor(DeliveryDb db, IPublishEndpoint publish, TimeProvider clock)
{
    static readonly string[] ToDeliver = ["em_preparacao", "saiu_entrega"];

    Guid Tenant => db.Tenant.TenantId;

    /// <summary>Today in the store's time zone.</summary>
    public async Task<DateOnly> TodayAsync(CancellationToken ct)
    {
        var zone = await db.Database.SqlQuery<string>($"SELECT time_zone AS \"Value\" FROM delivery.settings WHERE tenant_id = {Tenant}").SingleOrDefaultAsync(ct)
                   ?? "America/Sao_Paulo";
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
    }

    public async Task PlanAsync(DateOnly day, Guid correlationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Tenant.ToString() + "routes" + day.ToString("O")}, 0))", ct);
        var orders = await db.Database.SqlQuery<DeliveryOrder>($"""
            SELECT o.order_id AS "OrderId", o.number AS "Number", o.site_id AS "SiteId", coalesce(s.city, o.city) AS "City", s.cep AS "Cep",
                   s.latitude AS "Latitude", s.longitude AS "Longitude",
                   coalesce((SELECT sum(i.quantity * coalesce(p.weight_kg, 0)) FROM delivery.order_items i
                             LEFT JOIN delivery.products p ON p.tenant_id = i.tenant_id AND p.product_id = i.product_id
                             WHERE i.tenant_id = o.tenant_id AND i.order_id = o.order_id), 0) AS "WeightKg"
            FROM delivery.orders o
            LEFT JOIN delivery.sites s ON s.tenant_id = o.tenant_id AND s.site_id = o.site_id
            WHERE o.tenant_id = {Tenant}
              AND (o.status = ANY({ToDeliver})
                   -- an order delivered from one of the day's routes stays on it: the route sheet shows the stop as done, and its
                   -- progress counts it, whichever of the proof and the status change the engine takes first
                   OR (o.status = 'entregue' AND EXISTS (SELECT 1 FROM delivery.route_stops r WHERE r.tenant_id = o.tenant_id AND r.day = {day} AND r.order_id = o.order_id)))
            ORDER BY o.number
            """).ToListAsync(ct);
        var settings = await db.Database.SqlQuery<DeliverySettings>($"""
            SELECT fixed_cost AS "FixedCostPerRoute", depot_latitude AS "DepotLatitude", depot_longitude AS "DepotLongitude",
                   average_speed AS "AverageSpeedKmh", minutes_per_stop AS "MinutesPerStop"
            FROM delivery.settings WHERE tenant_id = {Tenant}
            """).SingleOrDefaultAsync(ct) ?? new DeliverySettings();
        var vehicles = await db.Database.SqlQuery<VehicleSetting>($"""
            SELECT name AS "Name", capacity_kg AS "CapacityKg", cost_per_km AS "CostPerKm" FROM delivery.vehicles WHERE tenant_id = {Tenant}
            """).ToListAsync(ct);
        var routes = RoutePlanner.Plan(Tenant, day, orders, vehicles, settings);
        var json = JsonSerializer.Serialize(routes);
        var now = clock.GetUtcNow();
        var changed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.plans (tenant_id, day, routes, planned_at) VALUES ({Tenant}, {day}, {json}::jsonb, {now})
            ON CONFLICT (tenant_id, day) DO UPDATE SET routes = EXCLUDED.routes, planned_at = EXCLUDED.planned_at
            WHERE plans.routes IS DISTINCT FROM EXCLUDED.routes
            """, ct);
        if (changed == 0)
            return;
        await publish.Publish(new DeliveryRoutesPlanned(Tenant, NewId.NextGuid(), now, correlationId, day, routes), ct);

        var previous = await db.Database.SqlQuery<StopCost>($"""
            DELETE FROM delivery.route_stops WHERE tenant_id = {Tenant} AND day = {day} RETURNING order_id AS "OrderId", route_id AS "RouteId", cost AS "Cost"
            """).ToDictionaryAsync(s => s.OrderId, ct);
        foreach (var route in routes)
            foreach (var stop in route.Stops)
            {
                // The route's cost shared by weight (equally when nothing has a known weight).
                var share = Math.Round(route.LoadKg > 0 ? route.Cost * stop.WeightKg / route.LoadKg : route.Cost / route.Stops.Count, 2, MidpointRounding.AwayFromZero);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO delivery.route_stops (tenant_id, day, route_id, order_id, sequence, cost)
                    VALUES ({Tenant}, {day}, {route.RouteId}, {stop.OrderId}, {stop.Sequence}, {share})
                    """, ct);
                if (!previous.TryGetValue(stop.OrderId, out var before) || before.Cost != share || before.RouteId != route.RouteId)
                    await publish.Publish(new DeliveryCostEstimated(Tenant, NewId.NextGuid(), now, correlationId, stop.OrderId, day, route.RouteId, share), ct);
            }
    }

    /// <summary>Records what the driver reported for an order (once per event) and publishes the progress of its route.</summary>
    public async Task StopEventAsync(Guid eventId, Guid orderId, string kind, DateTimeOffset at, Guid correlationId, CancellationToken ct)
    {
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO delivery.stop_events (tenant_id, event_id, order_id, kind, at) VALUES ({Tenant}, {eventId}, {orderId}, {kind}, {at}) ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 0)
            return;
        var route = await db.Database.SqlQuery<RouteRef>($"""
            SELECT route_id AS "RouteId", day AS "Day" FROM delivery.route_stops WHERE tenant_id = {Tenant} AND order_id = {orderId}
            ORDER BY day DESC LIMIT 1
            """).SingleOrDefaultAsync(ct);
        if (route is null)
            return; // an order outside any plan (a counter sale): nothing to track
        // One progress computation per route at a time: the one that waits sees the other's stop event, so the last published is complete.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Tenant.ToString() + "route" + route.RouteId}, 0))", ct);
        var progress = await db.Database.SqlQuery<ProgressRow>($"""
            SELECT count(*)::int AS "Total",
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM delivery.stop_events e WHERE e.tenant_id = r.tenant_id AND e.order_id = r.order_id AND e.kind = 'entregue'))::int AS "Delivered",
                   count(*) FILTER (WHERE EXISTS (SELECT 1 FROM delivery.stop_events e WHERE e.tenant_id = r.tenant_id AND e.order_id = r.order_id))::int AS "Touched",
                   coalesce((SELECT count(*) FROM delivery.stop_events e JOIN delivery.route_stops x ON x.tenant_id = e.tenant_id AND x.order_id = e.order_id
                             WHERE x.tenant_id = {Tenant} AND x.route_id = {route.RouteId} AND x.day = {route.Day} AND e.kind = 'ocorrencia'), 0)::int AS "Occurrences"
            FROM delivery.route_stops r WHERE r.tenant_id = {Tenant} AND r.route_id = {route.RouteId} AND r.day = {route.Day}
            """).SingleAsync(ct);
        var status = progress.Delivered == progress.Total ? "concluida" : progress.Touched > 0 ? "em_andamento" : "planejada";
        await publish.Publish(new DeliveryRouteProgressed(Tenant, NewId.NextGuid(), clock.GetUtcNow(), correlationId, route.RouteId, route.Day, status,
            progress.Delivered, progress.Total, progress.Occurrences), ct);
    }

    sealed record StopCost(Guid OrderId, Guid RouteId, decimal Cost);
    sealed record RouteRef(Guid RouteId, DateOnly Day);
    sealed record ProgressRow(int Total, int Delivered, int Touched, int Occurrences);
}
