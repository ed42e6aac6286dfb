namespace BaseCommerce.Contracts.Settings;

/// <summary>
/// Published by the Construction vertical when a store admin saves the store's engine settings: each engine takes what
/// it needs (Stock: service level, lead time, safety margin; Pricing: margins; Delivery: vehicles, route cost, depot).
/// Percentages are 0–100; the service level is a fraction (0.95). <paramref name="TimeZone"/> is the store's IANA time zone
/// (its calendar days: daily sales, the day's routes); null from publishers older than it, and then the receiver keeps
/// the zone it has.
/// </summary>
public sealed record StoreSettingsChanged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    decimal ServiceLevel,
    int LeadTimeDays,
    decimal SafetyPercent,
    decimal TargetMarginPercent,
    decimal MinimumMarginPercent,
    decimal MaximumMarginPercent,
    decimal RouteFixedCost,
    decimal? DepotLatitude,
    decimal? DepotLongitude,
    IReadOnlyList<VehicleSetting> Vehicles,
    Guid? ChangedBy,
    string? TimeZone = null);
