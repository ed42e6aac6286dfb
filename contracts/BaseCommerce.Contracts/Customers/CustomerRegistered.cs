namespace BaseCommerce.Contracts.Customers;

/// <summary>Published by the Construction vertical when a customer (cliente) is registered. Kind is "PF" or "PJ".</summary>
public sealed record CustomerRegistered(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid CustomerId,
    string Kind,
    string Name,
    string? City,
    string? State,
    Guid? RegisteredBy);
