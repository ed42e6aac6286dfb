using BaseCommerce.Contracts.Identity;
using BaseCommerce.Identity.Accounts;
using MassTransit;
using OpenIddict.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Maintenance;

/// <summary>
/// Deletes the store's grants that no check reads again, in its tenant scope (row-level security on), in the inbox's
/// transaction: OpenIddict's prune (tokens and ad-hoc authorizations no longer valid, or expired, created over a day
/// ago: a replayed code must still be recognised for a while), then ended or expired staff sessions a day past their
/// end that no grant points at.
/// </summary>
public sealed class ExpiredGrantsConsumer(IdentityDb db, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
    ILogger<ExpiredGrantsConsumer> logger) : IConsumer<PurgeExpiredGrants>
{
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    public async Task Consume(ConsumeContext<PurgeExpiredGrants> context)
    {
        var ct = context.CancellationToken;
        var tenant = db.Tenant.TenantId;
        var before = context.Message.OccurredAt - Margin;
        var prunedTokens = await tokens.PruneAsync(before, ct);
        var prunedAuthorizations = await authorizations.PruneAsync(before, ct);
        var sessions = await db.Database.ExecuteSqlAsync($"""
            DELETE FROM identity.sessions s
            WHERE s.tenant_id = {tenant} AND least(s.ended_at, s.expires_at) < {before}
              AND NOT EXISTS (SELECT 1 FROM identity.oidc_authorizations a WHERE a.tenant_id = s.tenant_id AND a.session_id = s.id)
            """, ct);
        if (prunedTokens + prunedAuthorizations + sessions > 0)
            logger.LogInformation("Purged {Tokens} tokens, {Authorizations} authorizations and {Sessions} sessions of tenant {TenantId}",
                prunedTokens, prunedAuthorizations, sessions, tenant);
    }
}
