namespace BaseCommerce.Contracts.Settings;

/// <summary>
/// Published by the Construction vertical when a store admin saves the hours of the store's nightly recomputations (in the
/// store's time zone, 0–23); the Ops scheduler moves the store's recurring jobs to them.
/// </summary>
public sealed record StoreScheduleChanged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    int StockRecomputeHour,
    int PricingRefreshHour,
    int RoutePlanningHour,
    Guid? ChangedBy);
