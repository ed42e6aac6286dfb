namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Construction vertical when a staff member acknowledges a stock alert: the Stock engine keeps it
/// acknowledged (it still follows the facts and resolves by itself) until its risk gets worse, when it is active again.
/// </summary>
public sealed record StockAlertAcknowledged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid AlertId,
    Guid ProductId,
    Guid? AcknowledgedBy);
