namespace BaseCommerce.Contracts.Pricing;

/// <summary>Published by the Pricing engine when a product's supplier comparison changes: every supplier's current price, cheapest first.</summary>
public sealed record SupplierComparisonUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    IReadOnlyList<SupplierQuote> Quotes);
