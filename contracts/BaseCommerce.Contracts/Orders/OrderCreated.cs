namespace BaseCommerce.Contracts.Orders;

/// <summary>Published by the Construction vertical when an order (pedido) is created, from a quote or directly.</summary>
public sealed record OrderCreated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid OrderId,
    string OrderNumber,
    Guid? QuoteId,
    Guid CustomerId,
    Guid? SiteId,
    string? SiteCity,
    decimal Subtotal,
    decimal DiscountPercent,
    decimal TotalValue,
    Guid? CreatedBy,
    IReadOnlyList<LineItem> Items);
