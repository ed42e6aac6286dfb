namespace BaseCommerce.Contracts.Delivery;

/// <summary>Published by the Construction vertical when a delivery of an order leaves the store (the order moves to "saiu_entrega", or straight to "entregue" at the counter).</summary>
public sealed record DeliveryStarted(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    string OrderNumber,
    DateTimeOffset StartedAt,
    string? DriverName,
    Guid? DeliveryId = null);
