using BaseCommerce.Contracts.Identity;
using BaseCommerce.Identity.Accounts;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Maintenance;

/// <summary>
/// Deletes the store's grants that no check reads again, in its tenant scope (row-level security on), in the inbox's
/// transaction. What stays, and why: a rotated refresh token until its family's absolute expiry (presenting it again
/// revokes the family), a code and an ended or expired session for a day after (a replayed code must still be
/// recognised, and a session stays while a live token points at it), a revoked access token until it would have expired.
/// </summary>
public sealed class ExpiredGrantsConsumer(IdentityDb db, ILogger<ExpiredGrantsConsumer> logger) : IConsumer<PurgeExpiredGrants>
{
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    public async Task Consume(ConsumeContext<PurgeExpiredGrants> context)
    {
        var ct = context.CancellationToken;
        var tenant = db.Tenant.TenantId;
        var before = context.Message.OccurredAt - Margin;
        var at = context.Message.OccurredAt;
        var codes = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM identity.authorization_codes WHERE tenant_id = {tenant} AND expires_at < {before}
            """, ct);
        var refresh = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM identity.refresh_tokens WHERE tenant_id = {tenant} AND family_expires_at < {at}
            """, ct);
        var sessions = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM identity.sessions s
            WHERE s.tenant_id = {tenant} AND least(s.ended_at, s.expires_at) < {before}
              AND NOT EXISTS (SELECT 1 FROM identity.refresh_tokens r WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id)
              AND NOT EXISTS (SELECT 1 FROM identity.authorization_codes c WHERE c.tenant_id = s.tenant_id AND c.session_id = s.id)
            """, ct);
        var revoked = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM identity.revoked_access_tokens WHERE tenant_id = {tenant} AND expires_at < {at}
            """, ct);
        if (codes + refresh + sessions + revoked > 0)
            logger.LogInformation("Purged {Codes} codes, {Refresh} refresh tokens, {Sessions} sessions and {Revoked} revocations of tenant {TenantId}",
                codes, refresh, sessions, revoked, tenant);
    }
}
