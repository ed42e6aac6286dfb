namespace BaseCommerce.Contracts.Delivery;

/// <summary>Published by the Construction vertical when the driver (motorista) reports a delivery at the site (status "chegou").</summary>
public sealed record DeliveryArrived(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid DeliveryId,
    Guid OrderId,
    string OrderNumber,
    DateTimeOffset ArrivedAt,
    Guid? ReportedBy);
