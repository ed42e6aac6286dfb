namespace BaseCommerce.Contracts.Stock;

/// <summary>
/// Published by the Stock engine when a product's ABC class changes: products ranked by revenue over the last 90 days,
/// "A" up to 80% of the cumulative revenue, "B" up to 95%, "C" the rest and every product without sales.
/// </summary>
public sealed record AbcClassChanged(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    string? OldClass,
    string NewClass,
    decimal Revenue90Days,
    decimal CumulativeSharePercent);
