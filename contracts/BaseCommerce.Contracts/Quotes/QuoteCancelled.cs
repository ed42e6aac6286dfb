namespace BaseCommerce.Contracts.Quotes;

/// <summary>Published by the Construction vertical when a quote is cancelled (→ cancelada) from any status but convertida.</summary>
public sealed record QuoteCancelled(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid QuoteId,
    string QuoteNumber,
    Guid CustomerId,
    string OldStatus,
    decimal TotalValue,
    Guid? ChangedBy);
