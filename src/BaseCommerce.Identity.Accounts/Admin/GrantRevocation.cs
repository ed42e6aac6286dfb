using BaseCommerce.Authentication.Revocation;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>
/// Ends what a person, a session or a client was granted, in the current store: in the database first (sessions, refresh
/// tokens, the access-token revocations introspection reads), then on the revocation stream, so that every service refuses
/// the access tokens already out within seconds instead of at their expiry.
/// </summary>
public sealed class GrantRevocation(IdentityDb db, RevocationStream stream, TimeProvider clock)
{
    /// <summary>Disabled, or their password reset: sessions end, refresh tokens and every access token issued so far stop working.</summary>
    public async Task EndUserSessionsAsync(Guid userId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
        await stream.PublishAsync(AccessRevocation.Subject(db.Tenant.TenantId, userId.ToString(), now));
    }

    /// <summary>Signed out: the session, its refresh tokens and the access tokens issued in it.</summary>
    public async Task EndSessionAsync(Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await db.RefreshTokens.Where(t => t.SessionId == sessionId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "signed out"), ct);
        await stream.PublishAsync(AccessRevocation.Session(db.Tenant.TenantId, sessionId, now));
    }

    public Task RevokeFamilyAsync(Guid familyId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
    }

    /// <summary>A revoked client: its refresh tokens and every access token issued to it so far.</summary>
    public async Task RevokeClientTokensAsync(string clientId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.RefreshTokens.Where(t => t.ClientId == clientId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "client revoked"), ct);
        await stream.PublishAsync(AccessRevocation.Client(db.Tenant.TenantId, clientId, now));
    }

    /// <summary>One access token (revoked by its client, or issued from a code that was replayed), until it expires.</summary>
    public async Task RevokeAccessTokenAsync(string jti, DateTimeOffset expiresAt, CancellationToken ct)
    {
        if (!await db.RevokedAccessTokens.AnyAsync(t => t.Jti == jti, ct))
        {
            db.RevokedAccessTokens.Add(new RevokedAccessToken { Jti = jti, ExpiresAt = expiresAt });
            await db.SaveChangesAsync(ct);
        }
        await stream.PublishAsync(AccessRevocation.Token(db.Tenant.TenantId, jti, expiresAt));
    }
}
