using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>Ends what a person or a client was granted: sessions and refresh tokens, in the current store.</summary>
public static class GrantRevocation
{
    public static async Task EndUserSessionsAsync(IdentityDb db, Guid userId, string reason, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await db.Sessions.Where(s => s.UserId == userId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
    }

    public static async Task EndSessionAsync(IdentityDb db, Guid sessionId, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        await db.Sessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        await db.RefreshTokens.Where(t => t.SessionId == sessionId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "signed out"), ct);
    }

    public static Task RevokeFamilyAsync(IdentityDb db, Guid familyId, string reason, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
    }

    public static Task RevokeClientTokensAsync(IdentityDb db, string clientId, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        return db.RefreshTokens.Where(t => t.ClientId == clientId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "client revoked"), ct);
    }
}
