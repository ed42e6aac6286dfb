namespace BaseCommerce.Contracts.Quotes;

/// <summary>Published by the Construction vertical when a quote is sent to the customer (rascunho → enviada).</summary>
public sealed record QuoteSent(
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
