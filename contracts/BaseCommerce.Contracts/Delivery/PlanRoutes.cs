namespace BaseCommerce.Contracts.Delivery;

/// <summary>Sent to the Delivery engine (by the scheduler at 18:00 for the next day, or <c>basec engines recompute delivery</c>) to plan one store's routes of a day.</summary>
public sealed record PlanRoutes(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    DateOnly Day,
    string RequestedBy);
