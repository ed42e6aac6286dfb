namespace BaseCommerce.Contracts.Delivery;

/// <summary>
/// Published by the Construction vertical when the driver records an occurrence on a delivery. Kind keeps the Portuguese
/// wire values "faltou_item", "item_errado", "cliente_nao_encontrado", "recusa" and "outro".
/// </summary>
public sealed record DeliveryOccurrenceRecorded(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OccurrenceId,
    Guid DeliveryId,
    Guid OrderId,
    string OrderNumber,
    string Kind,
    string? Description,
    Guid? ReportedBy);
