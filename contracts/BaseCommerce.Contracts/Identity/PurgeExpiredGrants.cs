namespace BaseCommerce.Contracts.Identity;

/// <summary>
/// Sent to Identity (by the scheduler, nightly) to delete one store's sessions, authorization codes, refresh tokens and
/// access-token revocations that can no longer matter: expired long enough that no check reads them again.
/// </summary>
public sealed record PurgeExpiredGrants(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
