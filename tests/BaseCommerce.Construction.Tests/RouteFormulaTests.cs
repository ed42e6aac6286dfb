extern alias delivery;
using BaseCommerce.Contracts;
using delivery::BaseCommerce.Engines.Delivery.Domain;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The Delivery engine's planner against hand-computed examples and random tours.</summary>
public sealed class RouteFormulaTests
{
    static readonly Guid Tenant = Guid.Parse("00000000-0000-0000-0000-0000000000aa");
    static readonly DateOnly Day = new(2026, 12, 2);

    [Fact]
    public void Haversine_GivesTheGreatCircleDistance() =>
        // São Paulo (Sé) to Rio de Janeiro (Centro): about 361 km by great circle.
        RoutePlanner.Haversine((-23.5505, -46.6333), (-22.9068, -43.1729)).ShouldBe(360.7, 1.0);

    [Fact]
    public void TwoOpt_IsNeverLongerThanTheNearestNeighbourTour_OnRandomPoints()
    {
        var random = new Random(20261201);
        var improved = 0;
        for (var trial = 0; trial < 200; trial++)
        {
            var depot = (-22.52 + random.NextDouble() * 0.1, -44.10 + random.NextDouble() * 0.1);
            var points = Enumerable.Range(0, random.Next(3, 12)).Select(_ => (-22.52 + random.NextDouble() * 0.2, -44.10 + random.NextDouble() * 0.2)).ToList();
            var nn = RoutePlanner.NearestNeighbour(depot, points);
            var best = RoutePlanner.TwoOpt(nn, depot, points);
            best.Order().ShouldBe(Enumerable.Range(0, points.Count), "every stop visited once");
            var (nnKm, bestKm) = (RoutePlanner.TourKm(nn, depot, points), RoutePlanner.TourKm(best, depot, points));
            bestKm.ShouldBeLessThanOrEqualTo(nnKm + 1e-9);
            if (bestKm < nnKm - 1e-6) improved++;
        }
        improved.ShouldBeGreaterThan(0, "on 200 random sets 2-opt shortens some nearest-neighbour tours");
    }

    [Fact]
    public void OrdersAreGroupedByCity_SplitByCapacity_AndEachRouteTakesTheSmallestVehicleThatCarriesIt()
    {
        DeliveryOrder Order(string number, string? city, decimal kg, string? cep = null) => new(Guid.NewGuid(), number, null, city, cep, null, null, kg);
        var orders = new[]
        {
            Order("PED-001", "Volta Redonda", 3000), Order("PED-002", "volta redonda ", 3000), Order("PED-003", "Volta Redonda", 3000),
            Order("PED-004", "Barra Mansa", 400, "27330000"), Order("PED-005", null, 100, "27213123"),
        };
        VehicleSetting[] fleet = [new("Caminhão", 8000, 3m), new("Van", 1000, 1.5m)];
        var routes = RoutePlanner.Plan(Tenant, Day, orders, fleet, new DeliverySettings());
        routes.Select(r => (r.Region, r.VehicleName, r.LoadKg, r.Stops.Count)).ShouldBe([
            ("BARRA MANSA", "Van", 400m, 1), ("CEP 272", "Van", 100m, 1), ("VOLTA REDONDA", "Caminhão", 6000m, 2), ("VOLTA REDONDA", "Caminhão", 3000m, 1)]);
        routes.ShouldAllBe(r => r.Ordering == "cep" && r.DistanceKm == 0);
        (routes[0].Cost, routes[0].DurationMinutes).ShouldBe((50m, 10), "no distance without coordinates: the fixed R$ 50 and 10 minutes for the stop");
        RoutePlanner.Plan(Tenant, Day, orders, fleet, new DeliverySettings()).Select(r => r.RouteId).ShouldBe(routes.Select(r => r.RouteId), "same plan, same ids");
    }

    [Fact]
    public void WithCoordinates_TheRouteLeavesTheDepot_VisitsTheNearestFirst_AndComesBack()
    {
        // Along one meridian, 0.01° of latitude ≈ 1.112 km: depot at 0, stops at 0.03, 0.01, 0.02 → visited 0.01, 0.02, 0.03 and back: 6.67 km.
        DeliveryOrder Order(string number, double lat) => new(Guid.NewGuid(), number, null, "Cidade", null, (decimal)lat, 0m, 10);
        var routes = RoutePlanner.Plan(Tenant, Day, [Order("PED-1", 0.03), Order("PED-2", 0.01), Order("PED-3", 0.02)], [],
            new DeliverySettings(DepotLatitude: 0m, DepotLongitude: 0m));
        var route = routes.Single();
        route.Ordering.ShouldBe("vizinho_mais_proximo_2opt");
        route.Stops.Select(s => s.OrderNumber).ShouldBe(["PED-2", "PED-3", "PED-1"]);
        route.DistanceKm.ShouldBe(6.67m, 0.02m);
        route.Cost.ShouldBe(Math.Round(50m + route.DistanceKm * 2.5m, 2), "the default truck: R$ 50 + R$ 2,50/km");
    }
}
