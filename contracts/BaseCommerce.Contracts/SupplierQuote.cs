namespace BaseCommerce.Contracts;

/// <summary>
/// One supplier's current price for a product, as the Pricing engine compares it (a value inside events).
/// Stability keeps the Portuguese wire values "estavel" (within 5% of the supplier's 90-day average) and "instavel";
/// Trend "estavel" (first to last price of 90 days within 2%), "aumento" or "diminuicao", with its monthly projection.
/// </summary>
public sealed record SupplierQuote(
    Guid SupplierId,
    decimal Price,
    decimal? MinimumQuantity,
    decimal VariationFromCheapestPercent,
    decimal Average90Days,
    string Stability,
    string Trend,
    decimal MonthlyTrendPercent);
