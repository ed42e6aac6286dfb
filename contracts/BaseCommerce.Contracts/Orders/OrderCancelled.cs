namespace BaseCommerce.Contracts.Orders;

/// <summary>Published by the Construction vertical when an order is cancelled (any status before "entregue").</summary>
public sealed record OrderCancelled(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    string OrderNumber,
    string OldStatus,
    string? Reason,
    Guid? CancelledBy,
    IReadOnlyList<LineItem> Items);
