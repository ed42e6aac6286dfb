namespace BaseCommerce.Contracts.Orders;

/// <summary>Published by the Construction vertical when an order is delivered and therefore counts as a sale.</summary>
public sealed record SaleRecorded(
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
    DateTimeOffset DeliveredAt,
    decimal TotalValue,
    IReadOnlyList<LineItem> Items);
