using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Oidc;

/// <summary>
/// <c>POST /connect/token</c> (RFC 6749 §3.2): the <c>authorization_code</c> grant with PKCE, <c>refresh_token</c> with rotation
/// and reuse detection (a rotated-away token presented again revokes its whole family), and <c>client_credentials</c>.
/// </summary>
public sealed class TokenEndpoint(IdentityDb db, TenantContext tenantContext, ClientAuthenticator clients, TokenFactory tokens, GrantRevocation grants, TimeProvider clock)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        if (!http.Request.HasFormContentType)
            return OAuthError.Result(OAuthError.InvalidRequest, "The token request must be application/x-www-form-urlencoded.");
        var form = await http.Request.ReadFormAsync(ct);
        var grantType = form["grant_type"].ToString();
        if (!GrantTypes.All.Contains(grantType))
            return OAuthError.Result(OAuthError.UnsupportedGrantType, $"Grant type '{grantType}' is not supported.");

        var (client, error) = await clients.AuthenticateAsync(http.Request, form, ct);
        if (client is null)
            return error!;
        if (!client.Allows(grantType))
            return OAuthError.Result(OAuthError.UnauthorizedClient, $"This client may not use the {grantType} grant.");

        return grantType switch
        {
            GrantTypes.AuthorizationCode => await AuthorizationCodeAsync(client, form, ct),
            GrantTypes.RefreshToken => await RefreshTokenAsync(client, form, ct),
            _ => await ClientCredentialsAsync(client, form, ct),
        };
    }

    TenantInfo Tenant => tenantContext.Tenant!;

    async Task<IResult> AuthorizationCodeAsync(OAuthClient client, IFormCollection form, CancellationToken ct)
    {
        var code = form["code"].ToString();
        if (code.Length == 0)
            return OAuthError.Result(OAuthError.InvalidRequest, "The code parameter is missing.");
        var hash = Secrets.Hash(code);
        var now = clock.GetUtcNow();

        // Consuming is one conditional UPDATE, so two concurrent redemptions cannot both succeed.
        var consumed = await db.AuthorizationCodes.Where(c => c.CodeHash == hash && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), ct);
        var grant = await db.AuthorizationCodes.SingleOrDefaultAsync(c => c.CodeHash == hash, ct);
        if (grant is null)
            return InvalidGrant("The authorization code is invalid.");
        if (consumed == 0)
        {
            // RFC 6749 §4.1.2: a replayed code revokes what it produced.
            await RevokeWhatTheCodeIssuedAsync(grant, ct);
            return InvalidGrant("The authorization code was already used.");
        }
        if (grant.ClientId != client.ClientId)
            return InvalidGrant("The authorization code was issued to another client.");
        if (grant.ExpiresAt <= now)
            return InvalidGrant("The authorization code has expired.");
        if (form["redirect_uri"].ToString() != grant.RedirectUri)
            return InvalidGrant("redirect_uri does not match the one of the authorization request.");
        if (!Pkce.Verifies(form["code_verifier"], grant.CodeChallenge))
            return InvalidGrant("The PKCE code_verifier does not match the code_challenge.");

        var (user, session) = await ActiveUserAsync(grant.UserId, grant.SessionId, ct);
        if (user is null || session is null)
            return InvalidGrant("The person's session has ended.");

        var scopes = Scopes.Parse(grant.Scope);
        var response = await IssueAsync(client, user, session, scopes, grant.Nonce, familyId: null, familyExpiresAt: null, ct);
        grant.RefreshFamily = response.FamilyId;
        grant.AccessJti = response.Access.Jti;
        await db.SaveChangesAsync(ct);
        return new NoStoreJson(response.Body);
    }

    async Task<IResult> RefreshTokenAsync(OAuthClient client, IFormCollection form, CancellationToken ct)
    {
        var presented = form["refresh_token"].ToString();
        if (presented.Length == 0)
            return OAuthError.Result(OAuthError.InvalidRequest, "The refresh_token parameter is missing.");
        var hash = Secrets.Hash(presented);
        var now = clock.GetUtcNow();

        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.ClientId != client.ClientId)
            return InvalidGrant("The refresh token is invalid.");
        if (token.RevokedAt is not null)
            return InvalidGrant("The refresh token was revoked.");
        if (token.ConsumedAt is not null)
            return await ReusedAsync(token, ct);
        if (token.ExpiresAt <= now || token.FamilyExpiresAt <= now)
            return InvalidGrant("The refresh token has expired.");

        var granted = Scopes.Parse(token.Scope);
        var requested = form.ContainsKey("scope") ? Scopes.Parse(form["scope"]) : granted;
        if (requested.Count == 0 || requested.Any(s => !granted.Contains(s)))
            return OAuthError.Result(OAuthError.InvalidScope, "A refresh may only narrow the scopes of the original grant.");

        // Rotation is one conditional UPDATE: of two concurrent refreshes with the same token, one loses and is reuse.
        if (await db.RefreshTokens.Where(t => t.Id == token.Id && t.ConsumedAt == null && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), ct) == 0)
            return await ReusedAsync(token, ct);

        if (token.UserId is not { } userId || token.SessionId is not { } sessionId)
            return InvalidGrant("The refresh token is invalid.");
        var (user, session) = await ActiveUserAsync(userId, sessionId, ct);
        if (user is null || session is null)
        {
            await grants.RevokeFamilyAsync(token.FamilyId, "session ended", ct);
            return InvalidGrant("The person's session has ended.");
        }

        var response = await IssueAsync(client, user, session, requested, nonce: null, token.FamilyId, token.FamilyExpiresAt, ct);
        return new NoStoreJson(response.Body);
    }

    // RFC 9700 §4.14.2: a rotated-away token in use again means it leaked; end the whole family.
    async Task<IResult> ReusedAsync(RefreshToken token, CancellationToken ct)
    {
        await grants.RevokeFamilyAsync(token.FamilyId, "refresh token reuse", ct);
        return InvalidGrant("The refresh token was already used; every token of this grant is now revoked.");
    }

    async Task<IResult> ClientCredentialsAsync(OAuthClient client, IFormCollection form, CancellationToken ct)
    {
        var allowed = client.Scopes.Where(s => Scopes.ApiScopes.Contains(s)).ToList();
        var requested = form.ContainsKey("scope") ? Scopes.Parse(form["scope"]) : allowed;
        if (requested.Count == 0 || requested.Any(s => !allowed.Contains(s)))
            return OAuthError.Result(OAuthError.InvalidScope, $"This client may ask for: {string.Join(' ', allowed)}.");

        var lifetime = TimeSpan.FromSeconds(client.AccessTokenLifetimeSeconds);
        var access = await tokens.AccessTokenAsync(Tenant, new TokenSubject(client.ClientId, client.ClientId, requested), lifetime, ct);
        return new NoStoreJson(new Dictionary<string, object>
        {
            ["access_token"] = access.Token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["scope"] = Scopes.Join(requested),
        });
    }

    sealed record Issued(Dictionary<string, object> Body, IssuedAccessToken Access, Guid? FamilyId);

    async Task<Issued> IssueAsync(OAuthClient client, StaffUser user, StaffSession session, IReadOnlyList<string> scopes, string? nonce,
        Guid? familyId, DateTimeOffset? familyExpiresAt, CancellationToken ct)
    {
        var lifetime = TimeSpan.FromSeconds(client.AccessTokenLifetimeSeconds);
        var access = await tokens.AccessTokenAsync(Tenant, new TokenSubject(user.Id.ToString(), client.ClientId, scopes, user, session.Id), lifetime, ct);
        var body = new Dictionary<string, object>
        {
            ["access_token"] = access.Token,
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["scope"] = Scopes.Join(scopes),
        };
        if (scopes.Contains(Scopes.OpenId))
            body["id_token"] = await tokens.IdTokenAsync(Tenant, user, client.ClientId, scopes, nonce, session.Id, session.CreatedAt, access.Token, lifetime, ct);

        if (familyId is not null || (scopes.Contains(Scopes.OfflineAccess) && client.Allows(GrantTypes.RefreshToken)))
        {
            var now = clock.GetUtcNow();
            var refresh = Secrets.New();
            var family = familyId ?? Guid.NewGuid();
            var absolute = familyExpiresAt ?? now.AddSeconds(client.RefreshTokenAbsoluteSeconds);
            var sliding = now.AddSeconds(client.RefreshTokenSlidingSeconds);
            db.RefreshTokens.Add(new RefreshToken
            {
                TokenHash = Secrets.Hash(refresh),
                FamilyId = family,
                ClientId = client.ClientId,
                UserId = user.Id,
                SessionId = session.Id,
                Scope = Scopes.Join(scopes),
                CreatedAt = now,
                ExpiresAt = sliding < absolute ? sliding : absolute,
                FamilyExpiresAt = absolute,
            });
            await db.SaveChangesAsync(ct);
            body["refresh_token"] = refresh;
            return new Issued(body, access, family);
        }
        return new Issued(body, access, null);
    }

    async Task<(StaffUser?, StaffSession?)> ActiveUserAsync(Guid userId, Guid sessionId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.Active, ct);
        var session = await db.Sessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.ExpiresAt > now, ct);
        return (user, session);
    }

    async Task RevokeWhatTheCodeIssuedAsync(AuthorizationCode grant, CancellationToken ct)
    {
        if (grant.RefreshFamily is { } family)
            await grants.RevokeFamilyAsync(family, "authorization code reuse", ct);
        // The code's access token lived at most the client's lifetime (≤ 60 min) from its redemption.
        if (grant.AccessJti is { } jti)
            await grants.RevokeAccessTokenAsync(jti, clock.GetUtcNow().AddHours(1), ct);
    }

    static IResult InvalidGrant(string description) => OAuthError.Result(OAuthError.InvalidGrant, description);
}
