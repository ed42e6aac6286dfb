namespace BaseCommerce.Contracts;

/// <summary>One stop of a planned delivery route (a value inside events), in the order the driver should follow.</summary>
public sealed record RouteStop(
    int Sequence,
    Guid OrderId,
    string OrderNumber,
    Guid? SiteId,
    string? City,
    string? Cep,
    decimal? Latitude,
    decimal? Longitude,
    decimal WeightKg,
    decimal DistanceFromPreviousKm);
