namespace BaseCommerce.Contracts;

/// <summary>
/// One planned delivery route of a day (a value inside events): a region's stops that fit one vehicle, in order.
/// Distance is by great circle (haversine) between stops with coordinates; duration at the store's average speed plus a
/// fixed time per stop; cost = the store's fixed cost per route + distance × the vehicle's cost per km. Ordering keeps
/// the Portuguese wire values "vizinho_mais_proximo_2opt" (coordinates) and "cep" (CEP order, when coordinates are missing).
/// </summary>
public sealed record PlannedRoute(
    Guid RouteId,
    string Name,
    string Region,
    string? VehicleName,
    decimal CapacityKg,
    decimal LoadKg,
    decimal DistanceKm,
    int DurationMinutes,
    decimal Cost,
    string Ordering,
    IReadOnlyList<RouteStop> Stops,
    string Explanation);
