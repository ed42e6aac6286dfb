namespace BaseCommerce.Contracts.Quotes;

/// <summary>Published by the Construction vertical when a quote is approved (enviada → aprovada).</summary>
public sealed record QuoteApproved(
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
