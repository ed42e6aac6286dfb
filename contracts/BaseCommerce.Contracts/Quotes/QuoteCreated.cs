namespace BaseCommerce.Contracts.Quotes;

/// <summary>Published by the Construction vertical when staff save a new quote (cotação).</summary>
public sealed record QuoteCreated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid QuoteId,
    string QuoteNumber,
    Guid CustomerId,
    Guid? UserId,
    Guid? SiteId,
    decimal Subtotal,
    decimal DiscountPercent,
    decimal TotalValue,
    IReadOnlyList<LineItem> Items);
