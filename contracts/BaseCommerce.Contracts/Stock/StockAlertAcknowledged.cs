namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Construction vertical when a staff member acknowledges a stock alert: the Stock engine keeps it
/// active (it still resolves by itself) but stops re-raising it until its risk gets worse.
/// </summary>
public sealed record StockAlertAcknowledged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid AlertId,
    Guid ProductId,
    Guid? AcknowledgedBy);
