namespace BaseCommerce.Contracts.Identity;

/// <summary>
/// Sent to Identity (by the scheduler, nightly) to delete one store's tokens, grants and staff sessions that can no longer
/// matter: ended or expired long enough that no check reads them again.
/// </summary>
public sealed record PurgeExpiredGrants(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    string RequestedBy);
