namespace BaseCommerce.Contracts.Pricing;

/// <summary>
/// Published by the Pricing engine when a product's suggested sale price changes: cost (the recommended supplier's
/// price) × (1 + the store's target margin, kept within its minimum and maximum). <see cref="BelowMinimumMargin"/> is
/// true when the product's current sale price earns less than the minimum margin over that cost.
/// </summary>
public sealed record SuggestedPriceUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    decimal BaseCost,
    decimal SuggestedPrice,
    decimal CurrentPrice,
    decimal CurrentMarginPercent,
    bool BelowMinimumMargin,
    string Explanation);
