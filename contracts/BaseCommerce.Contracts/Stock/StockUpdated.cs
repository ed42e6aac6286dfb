namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Construction vertical whenever a product's stock quantity changes, in the transaction that changes
/// it. Quantities are in the product's stock unit (the unit the vertical's ledger counts in), whatever unit it was sold in.
/// MovementType keeps the Portuguese wire values: "entrada" (receipt), "ajuste" (adjustment), "saida" (a delivery left)
/// and "estorno" (a delivery's goods written back when its order was cancelled after leaving); the last two name the
/// delivery and its order.
/// </summary>
public sealed record StockUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    decimal OldQuantity,
    decimal NewQuantity,
    string MovementType,
    string? Reason,
    Guid? UpdatedBy,
    Guid? DeliveryId = null,
    Guid? OrderId = null);
