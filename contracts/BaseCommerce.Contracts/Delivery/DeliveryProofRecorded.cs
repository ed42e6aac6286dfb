namespace BaseCommerce.Contracts.Delivery;

/// <summary>Published by the Construction vertical when the driver records who received a delivery (the order then is "entregue").</summary>
public sealed record DeliveryProofRecorded(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid DeliveryId,
    Guid OrderId,
    string OrderNumber,
    string ReceiverName,
    string? ReceiverDocument,
    DateTimeOffset ReceivedAt,
    Guid? RecordedBy);
