namespace BaseCommerce.Contracts.Delivery;

/// <summary>Published by the Construction vertical when an order leaves for delivery (status "saiu_entrega").</summary>
public sealed record DeliveryStarted(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    string OrderNumber,
    DateTimeOffset StartedAt,
    string? DriverName);
