namespace BaseCommerce.Contracts;

/// <summary>One of a store's delivery vehicles (a value inside events): what it carries and what a kilometre costs.</summary>
public sealed record VehicleSetting(
    string Name,
    decimal CapacityKg,
    decimal CostPerKm);
