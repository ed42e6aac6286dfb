using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BaseCommerce.Authentication.Revocation;

/// <summary>
/// This process's copy of the revocations still in force, kept by <see cref="RevocationFeed"/>. Checking a token is up to
/// five lookups in memory (its jti, person, session, client and grant), none when nothing is revoked: no I/O on a request.
/// </summary>
public sealed class RevokedAccess(TimeProvider clock)
{
    readonly ConcurrentDictionary<(RevocationKind Kind, Guid Tenant, string Key), (DateTimeOffset IssuedUpTo, DateTimeOffset Until)> _entries = new();

    /// <summary>When the feed last read the stream to its end; null before its first read.</summary>
    public DateTimeOffset? SyncedAt { get; private set; }

    public int Count => _entries.Count;

    public void Add(AccessRevocation revocation) =>
        _entries.AddOrUpdate((revocation.Kind, revocation.TenantId, revocation.Key), (revocation.IssuedUpTo, revocation.Until),
            (_, current) => (Max(current.IssuedUpTo, revocation.IssuedUpTo), Max(current.Until, revocation.Until)));

    internal void MarkSynced() => SyncedAt = clock.GetUtcNow();

    /// <summary>Forgets revocations whose tokens have all expired.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, value) in _entries)
            if (value.Until < now)
                _entries.TryRemove(new KeyValuePair<(RevocationKind, Guid, string), (DateTimeOffset, DateTimeOffset)>(key, value));
    }

    /// <summary>Whether an access token that passed signature, issuer, audience and lifetime checks was revoked since.</summary>
    public bool IsRevoked(JsonWebToken token)
    {
        if (_entries.IsEmpty || !token.TryGetPayloadValue<string>(StaffClaims.TenantId, out var tenantClaim) || !Guid.TryParse(tenantClaim, out var tenant))
            return false;
        var issuedAt = new DateTimeOffset(DateTime.SpecifyKind(token.IssuedAt, DateTimeKind.Utc));
        return (token.Id is { Length: > 0 } jti && _entries.ContainsKey((RevocationKind.Token, tenant, jti)))
            || Revoked(RevocationKind.Subject, tenant, token, StaffClaims.Subject, issuedAt)
            || Revoked(RevocationKind.Session, tenant, token, StaffClaims.SessionId, issuedAt)
            || Revoked(RevocationKind.Client, tenant, token, StaffClaims.ClientId, issuedAt)
            || Revoked(RevocationKind.Grant, tenant, token, GrantClaim, issuedAt);
    }

    /// <summary>The grant (OpenIddict's authorization) an access token belongs to.</summary>
    public const string GrantClaim = "oi_au_id";

    bool Revoked(RevocationKind kind, Guid tenant, JsonWebToken token, string claim, DateTimeOffset issuedAt) =>
        token.TryGetPayloadValue<string>(claim, out var key) && key is { Length: > 0 }
        && _entries.TryGetValue((kind, tenant, key), out var entry) && issuedAt <= entry.IssuedUpTo;

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
