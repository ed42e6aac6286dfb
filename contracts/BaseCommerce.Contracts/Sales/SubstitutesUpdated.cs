namespace BaseCommerce.Contracts.Sales;

/// <summary>
/// Published by the Sales engine when a product's substitutes change: active products of the same unit priced within
/// ±20% of it, closest price first (at most 5); each suggestion's FrequencyPercent is the signed price difference in
/// percent. Replaces the previous list.
/// </summary>
public sealed record SubstitutesUpdated(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId,
    IReadOnlyList<ProductSuggestion> Substitutes);
