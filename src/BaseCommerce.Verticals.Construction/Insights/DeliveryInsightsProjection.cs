using System.Text.Json;
using BaseCommerce.Contracts.Delivery;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>Projects the Delivery engine's plans, cost shares and route progress; a day's plan is replaced whole, never by an older one.</summary>
public sealed class DeliveryInsightsProjection(ConstructionDb db) :
    IConsumer<DeliveryRoutesPlanned>, IConsumer<DeliveryCostEstimated>, IConsumer<DeliveryRouteProgressed>
{
    Guid Tenant => db.Tenant.TenantId;

    public async Task Consume(ConsumeContext<DeliveryRoutesPlanned> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var moved = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_rotas_dias (tenant_id, day, event_at) VALUES ({Tenant}, {m.Day}, {m.OccurredAt})
            ON CONFLICT (tenant_id, day) DO UPDATE SET event_at = EXCLUDED.event_at WHERE insight_rotas_dias.event_at <= EXCLUDED.event_at
            """, ct);
        if (moved == 0)
            return;
        // Progress already known of a route that stays in the new plan (same id) is kept.
        var progress = await db.StoredRoutes.AsNoTracking().Where(r => r.Day == m.Day).ToDictionaryAsync(r => r.Id, ct);
        await db.Database.ExecuteSqlAsync($"DELETE FROM construction.insight_rotas WHERE tenant_id = {Tenant} AND day = {m.Day}", ct);
        var position = 0;
        foreach (var r in m.Routes)
        {
            var kept = progress.GetValueOrDefault(r.RouteId);
            var stops = JsonSerializer.Serialize(r.Stops);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO construction.insight_rotas (id, tenant_id, day, position, name, region, vehicle, capacity_kg, load_kg, distance_km, duration_minutes,
                    cost, ordering, stops, explanation, status, delivered_stops, occurrences, progress_at)
                VALUES ({r.RouteId}, {Tenant}, {m.Day}, {position++}, {r.Name}, {r.Region}, {r.VehicleName}, {r.CapacityKg}, {r.LoadKg}, {r.DistanceKm},
                    {r.DurationMinutes}, {r.Cost}, {r.Ordering}, {stops}::jsonb, {r.Explanation}, {kept?.Status ?? "planejada"}, {kept?.DeliveredStops ?? 0},
                    {kept?.Occurrences ?? 0}, {kept?.ProgressAt})
                """, ct);
        }
    }

    public Task Consume(ConsumeContext<DeliveryCostEstimated> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_custos_entrega (tenant_id, order_id, day, route_id, cost, event_at) VALUES ({Tenant}, {m.OrderId}, {m.Day}, {m.RouteId}, {m.Cost}, {m.OccurredAt})
            ON CONFLICT (tenant_id, order_id) DO UPDATE SET day = EXCLUDED.day, route_id = EXCLUDED.route_id, cost = EXCLUDED.cost, event_at = EXCLUDED.event_at
            WHERE insight_custos_entrega.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<DeliveryRouteProgressed> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            UPDATE construction.insight_rotas SET status = {m.Status}, delivered_stops = {m.DeliveredStops}, occurrences = {m.Occurrences}, progress_at = {m.OccurredAt}
            WHERE tenant_id = {Tenant} AND id = {m.RouteId} AND (progress_at IS NULL OR progress_at <= {m.OccurredAt})
            """, context.CancellationToken);
    }
}
