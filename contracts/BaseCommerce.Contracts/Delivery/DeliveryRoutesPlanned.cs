namespace BaseCommerce.Contracts.Delivery;

/// <summary>
/// Published by the Delivery engine when it plans (or re-plans) one day's delivery routes of a store: every route of the
/// day, for the orders em_preparacao or saiu_entrega. Replaces the day's previous plan.
/// </summary>
public sealed record DeliveryRoutesPlanned(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    DateOnly Day,
    IReadOnlyList<PlannedRoute> Routes);
