namespace BaseCommerce.Contracts.Sites;

/// <summary>
/// Published by the Construction vertical when a construction site (obra) is registered or changed: where deliveries
/// go. Coordinates are decimal degrees (WGS 84), null when unknown; CEP is digits only.
/// </summary>
public sealed record SiteRegistered(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid SiteId,
    Guid CustomerId,
    string Name,
    string? Address,
    string? City,
    string? State,
    string? Cep,
    decimal? Latitude,
    decimal? Longitude,
    bool Active);
