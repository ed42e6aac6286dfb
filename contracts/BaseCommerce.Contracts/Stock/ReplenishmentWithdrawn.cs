namespace BaseCommerce.Contracts.Stock;

/// <summary>Published by the Stock engine when a product no longer needs buying (its alert resolved): its suggestion is gone.</summary>
public sealed record ReplenishmentWithdrawn(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid ProductId);
