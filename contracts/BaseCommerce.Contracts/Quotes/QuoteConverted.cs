namespace BaseCommerce.Contracts.Quotes;

/// <summary>Published by the Construction vertical when a quote is converted into an order (pedido).</summary>
public sealed record QuoteConverted(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid QuoteId,
    Guid OrderId,
    string OrderNumber,
    Guid CustomerId,
    Guid? UserId,
    Guid? SiteId,
    decimal TotalValue,
    DateTimeOffset ConvertedAt,
    IReadOnlyList<LineItem> Items);
