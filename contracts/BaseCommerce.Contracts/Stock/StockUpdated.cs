namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Construction vertical whenever a product's stock quantity changes.
/// MovementType keeps the Portuguese wire values: "entrada", "saida", "ajuste".
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
    Guid? UpdatedBy);
