namespace BaseCommerce.Contracts.Settings;

/// <summary>
/// Published by the Construction vertical when a store admin saves the hours of the store's nightly recomputations (in the
/// store's time zone, 0–23) or the store's time zone; the Ops scheduler moves the store's recurring jobs to them.
/// <paramref name="TimeZone"/> is an IANA id (America/Sao_Paulo); null from publishers older than it (the receiver keeps
/// the zone it has).
/// </summary>
public sealed record StoreScheduleChanged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    int StockRecomputeHour,
    int PricingRefreshHour,
    int RoutePlanningHour,
    Guid? ChangedBy,
    string? TimeZone = null);
