namespace BaseCommerce.Contracts.Stock;

/// <summary>Published by the Construction vertical when stock is adjusted by hand (count, loss, breakage), with the reason.</summary>
public sealed record StockAdjusted(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    decimal Delta,
    decimal QuantityAfter,
    string Reason,
    Guid? AdjustedBy);
