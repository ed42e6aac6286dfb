namespace BaseCommerce.Contracts.Pricing;

/// <summary>
/// Published by the Pricing engine when a supplier's new price for a product differs by 10% or more from its previous
/// price for it. Kind keeps the Portuguese wire values "aumento" and "diminuicao".
/// </summary>
public sealed record PriceAlertRaised(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid AlertId,
    Guid SupplierId,
    Guid ProductId,
    decimal PreviousPrice,
    decimal NewPrice,
    decimal ChangePercent,
    string Kind,
    string Explanation);
