namespace BaseCommerce.Contracts.Delivery;

/// <summary>Published by the Delivery engine with an order's share of its route's cost (by weight), when the day's plan changes it.</summary>
public sealed record DeliveryCostEstimated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    DateOnly Day,
    Guid RouteId,
    decimal Cost);
