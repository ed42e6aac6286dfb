namespace BaseCommerce.Contracts.Stock;

/// <summary>Published by the Construction vertical when goods are received into stock (e.g. from a supplier).</summary>
public sealed record StockReceived(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    Guid? SupplierId,
    decimal Quantity,
    decimal? UnitCost,
    decimal QuantityAfter,
    Guid? ReceivedBy);
