namespace BaseCommerce.Contracts.Delivery;

/// <summary>Published by the Construction vertical when an order is handed over to the customer (status "entregue").</summary>
public sealed record DeliveryCompleted(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    string OrderNumber,
    DateTimeOffset CompletedAt,
    Guid? DeliveryId = null);
