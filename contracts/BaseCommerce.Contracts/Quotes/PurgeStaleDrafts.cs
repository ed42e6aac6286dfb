namespace BaseCommerce.Contracts.Quotes;

/// <summary>
/// Sent to the Construction vertical (by the scheduler, nightly) to delete one store's quote-wizard drafts abandoned for
/// more than a day (a store that stops opening the wizard would otherwise keep them).
/// </summary>
public sealed record PurgeStaleDrafts(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
