namespace BaseCommerce.Contracts.Orders;

/// <summary>
/// Published by the Construction vertical whenever an order moves to another status.
/// Statuses keep the Portuguese wire values: "pendente", "em_preparacao", "saiu_entrega", "entregue", "cancelado".
/// </summary>
public sealed record OrderStatusChanged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    string OrderNumber,
    string OldStatus,
    string NewStatus,
    DateTimeOffset ChangedAt,
    Guid? ChangedBy);
