using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BaseCommerce.Contracts;

namespace BaseCommerce.Engines.Delivery.Domain;

/// <summary>An order to deliver, as the planner sees it.</summary>
public sealed record DeliveryOrder(Guid OrderId, string Number, Guid? SiteId, string? City, string? Cep, decimal? Latitude, decimal? Longitude, decimal WeightKg);

/// <summary>The store's delivery settings (a row only when the store changed a default).</summary>
public sealed record DeliverySettings(decimal FixedCostPerRoute = 50m, decimal? DepotLatitude = null, decimal? DepotLongitude = null,
    decimal AverageSpeedKmh = 30m, int MinutesPerStop = 10)
{
    /// <summary>When the store registered no vehicle: one truck of 8 t at R$ 2,50/km.</summary>
    public static readonly IReadOnlyList<VehicleSetting> DefaultVehicles = [new("Caminhão", 8000m, 2.5m)];
}

/// <summary>
/// Plans a day's routes: orders grouped by region (city, else the CEP's first 3 digits), split by vehicle capacity
/// (first fit, heaviest first, each route on the smallest vehicle that carries it), stops ordered by nearest neighbour from
/// the depot improved with 2-opt when every stop and the depot have coordinates (CEP order otherwise). Pure and
/// deterministic: the same orders give the same routes and the same route ids.
/// </summary>
public static class RoutePlanner
{
    public static IReadOnlyList<PlannedRoute> Plan(Guid tenant, DateOnly day, IReadOnlyList<DeliveryOrder> orders, IReadOnlyList<VehicleSetting> vehicles,
        DeliverySettings settings)
    {
        var fleet = (vehicles.Count > 0 ? vehicles : DeliverySettings.DefaultVehicles).OrderBy(v => v.CapacityKg).ThenBy(v => v.Name).ToList();
        var largest = fleet[^1];
        var routes = new List<PlannedRoute>();
        foreach (var region in orders.GroupBy(Region).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var bins = new List<List<DeliveryOrder>>();
            foreach (var order in region.OrderByDescending(o => o.WeightKg).ThenBy(o => o.Number, StringComparer.Ordinal))
            {
                var bin = bins.FirstOrDefault(b => b.Sum(o => o.WeightKg) + order.WeightKg <= largest.CapacityKg);
                if (bin is null)
                    bins.Add([order]);
                else
                    bin.Add(order);
            }
            var index = 0;
            foreach (var bin in bins)
            {
                index++;
                var load = bin.Sum(o => o.WeightKg);
                var vehicle = fleet.FirstOrDefault(v => v.CapacityKg >= load) ?? largest;
                routes.Add(Route(tenant, day, region.Key, index, bins.Count, bin, vehicle, load, settings));
            }
        }
        return routes;
    }

    static PlannedRoute Route(Guid tenant, DateOnly day, string region, int index, int count, List<DeliveryOrder> stops, VehicleSetting vehicle, decimal load,
        DeliverySettings settings)
    {
        var depot = settings.DepotLatitude is { } lat && settings.DepotLongitude is { } lon ? (Lat: (double)lat, Lon: (double)lon) : ((double Lat, double Lon)?)null;
        var geo = depot is not null && stops.All(s => s.Latitude is not null && s.Longitude is not null);
        List<DeliveryOrder> ordered;
        if (geo)
        {
            var points = stops.Select(s => ((double)s.Latitude!.Value, (double)s.Longitude!.Value)).ToList();
            var tour = TwoOpt(NearestNeighbour(depot!.Value, points), depot.Value, points);
            ordered = [.. tour.Select(i => stops[i])];
        }
        else
            ordered = [.. stops.OrderBy(s => s.Cep ?? "99999999", StringComparer.Ordinal).ThenBy(s => s.Number, StringComparer.Ordinal)];

        var routeStops = new List<RouteStop>();
        var distance = 0m;
        (double Lat, double Lon)? previous = geo ? depot : null;
        for (var i = 0; i < ordered.Count; i++)
        {
            var s = ordered[i];
            (double, double)? here = s.Latitude is { } a && s.Longitude is { } b ? ((double)a, (double)b) : null;
            var leg = previous is { } p && here is { } h ? Round(Haversine(p, h)) : 0m;
            distance += leg;
            routeStops.Add(new RouteStop(i + 1, s.OrderId, s.Number, s.SiteId, s.City, s.Cep, s.Latitude, s.Longitude, s.WeightKg, leg));
            previous = here ?? previous;
        }
        if (geo && previous is { } last)
            distance += Round(Haversine(last, depot!.Value)); // back to the store
        var minutes = (int)Math.Ceiling(distance / settings.AverageSpeedKmh * 60) + ordered.Count * settings.MinutesPerStop;
        var cost = Math.Round(settings.FixedCostPerRoute + distance * vehicle.CostPerKm, 2, MidpointRounding.AwayFromZero);
        var name = count == 1 ? $"Rota {region}" : $"Rota {region} {index}";
        var over = load > vehicle.CapacityKg ? $" Carga acima da capacidade do maior veículo ({Number(vehicle.CapacityKg)} kg): divida o pedido." : "";
        var explanation = $"{ordered.Count} entrega(s), {Number(load)} kg no {vehicle.Name} ({Number(vehicle.CapacityKg)} kg), " +
            (geo ? $"{Number(distance)} km saindo da loja e voltando, ordem por vizinho mais próximo melhorada com 2-opt"
                 : "ordem por CEP (faltam coordenadas para calcular a distância)") +
            $". Custo estimado R$ {Number(cost)} (R$ {Number(settings.FixedCostPerRoute)} fixos + R$ {Number(vehicle.CostPerKm)}/km).{over}";
        return new PlannedRoute(RouteId(tenant, day, region, index), name, region, vehicle.Name, vehicle.CapacityKg, load, distance, minutes, cost,
            geo ? "vizinho_mais_proximo_2opt" : "cep", routeStops, explanation);
    }

    /// <summary>The region of an order: its city (upper case, trimmed), else "CEP nnn" from its CEP, else "Sem endereço".</summary>
    public static string Region(DeliveryOrder order) =>
        order.City is { Length: > 0 } city ? city.Trim().ToUpper(CultureInfo.GetCultureInfo("pt-BR"))
        : order.Cep is { Length: >= 3 } cep ? $"CEP {cep[..3]}"
        : "Sem endereço";

    /// <summary>Visits the nearest unvisited point first, starting at the depot; returns point indexes in visit order.</summary>
    public static List<int> NearestNeighbour((double Lat, double Lon) depot, IReadOnlyList<(double Lat, double Lon)> points)
    {
        var left = Enumerable.Range(0, points.Count).ToHashSet();
        var tour = new List<int>();
        var at = depot;
        while (left.Count > 0)
        {
            var next = left.OrderBy(i => Haversine(at, points[i])).ThenBy(i => i).First();
            tour.Add(next);
            left.Remove(next);
            at = points[next];
        }
        return tour;
    }

    /// <summary>2-opt on the closed tour depot → points → depot: reverses any segment that shortens it, until none does.</summary>
    public static List<int> TwoOpt(List<int> tour, (double Lat, double Lon) depot, IReadOnlyList<(double Lat, double Lon)> points)
    {
        var best = new List<int>(tour);
        (double, double) At(List<int> t, int i) => i < 0 || i >= t.Count ? depot : points[t[i]];
        for (var improved = true; improved;)
        {
            improved = false;
            for (var i = 0; i < best.Count - 1; i++)
                for (var k = i + 1; k < best.Count; k++)
                {
                    // Edges (i-1, i) and (k, k+1) become (i-1, k) and (i, k+1).
                    var delta = Haversine(At(best, i - 1), At(best, k)) + Haversine(At(best, i), At(best, k + 1))
                                - Haversine(At(best, i - 1), At(best, i)) - Haversine(At(best, k), At(best, k + 1));
                    if (delta < -1e-9)
                    {
                        best.Reverse(i, k - i + 1);
                        improved = true;
                    }
                }
        }
        return best;
    }

    /// <summary>The closed tour's length in km: depot → points in order → depot.</summary>
    public static double TourKm(IReadOnlyList<int> tour, (double Lat, double Lon) depot, IReadOnlyList<(double Lat, double Lon)> points)
    {
        var total = 0d;
        var at = depot;
        foreach (var i in tour)
        {
            total += Haversine(at, points[i]);
            at = points[i];
        }
        return total + Haversine(at, depot);
    }

    /// <summary>Great-circle distance in km (Earth radius 6371 km).</summary>
    public static double Haversine((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(b.Lat - a.Lat);
        var dLon = Rad(b.Lon - a.Lon);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(a.Lat)) * Math.Cos(Rad(b.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * 6371 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The same day, region and position give the same route id, so a re-plan keeps a route's address.</summary>
    static Guid RouteId(Guid tenant, DateOnly day, string region, int index) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant:N}|{day:yyyy-MM-dd}|{region}|{index}")).AsSpan(0, 16));

    static decimal Round(double km) => Math.Round((decimal)km, 2, MidpointRounding.AwayFromZero);

    static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.GetCultureInfo("pt-BR"));
}
