using BaseCommerce.Authentication.Revocation;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OI = OpenIddict.Abstractions.OpenIddictConstants;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>
/// Ends what a person, a session or a client was granted, in the current store: in the database first (staff sessions,
/// OpenIddict's authorizations and tokens, which introspection and the token endpoint read), then on the revocation
/// stream, so that every service refuses the access tokens already out within seconds instead of at their expiry.
/// </summary>
public sealed class GrantRevocation(IdentityDb db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens,
    RevocationStream stream, TimeProvider clock)
{
    /// <summary>Disabled, or their password reset: sessions end, grants and tokens are revoked, access tokens refused everywhere.</summary>
    public async Task EndUserSessionsAsync(Guid userId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await authorizations.RevokeBySubjectAsync(userId.ToString(), ct);
        await tokens.RevokeBySubjectAsync(userId.ToString(), ct);
        await stream.PublishAsync(AccessRevocation.Subject(db.Tenant.TenantId, userId.ToString(), now));
    }

    /// <summary>Signed out: the session, the grants made in it and their tokens.</summary>
    public async Task EndSessionAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await db.Tokens.Where(t => t.Authorization!.SessionId == sessionId && t.Status != OI.Statuses.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, OI.Statuses.Revoked), ct);
        await db.Authorizations.Where(a => a.SessionId == sessionId && a.Status != OI.Statuses.Revoked)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, OI.Statuses.Revoked), ct);
        await stream.PublishAsync(AccessRevocation.Session(db.Tenant.TenantId, sessionId, now));
    }

    /// <summary>A revoked client (its grants and tokens went with it): every access token issued to it so far.</summary>
    public Task RevokeClientTokensAsync(string clientId) =>
        stream.PublishAsync(AccessRevocation.Client(db.Tenant.TenantId, clientId, clock.GetUtcNow()));

    /// <summary>Every access token of one grant: its code was replayed or a rotated-away refresh token of it was used again.</summary>
    public Task RevokeGrantAsync(string authorizationId) =>
        stream.PublishAsync(AccessRevocation.Grant(db.Tenant.TenantId, authorizationId, clock.GetUtcNow()));

    /// <summary>One access token, revoked by its client, until it expires.</summary>
    public Task RevokeAccessTokenAsync(string jti, DateTimeOffset expiresAt) =>
        stream.PublishAsync(AccessRevocation.Token(db.Tenant.TenantId, jti, expiresAt));
}
