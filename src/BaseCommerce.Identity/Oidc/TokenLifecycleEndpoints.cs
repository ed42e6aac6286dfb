using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;

namespace BaseCommerce.Identity.Oidc;

/// <summary>Revocation (RFC 7009), introspection (RFC 7662) and userinfo (OIDC Core §5.3).</summary>
public sealed class TokenLifecycleEndpoints(IdentityDb db, ClientAuthenticator clients, AccessTokenReader reader, GrantRevocation grants, TimeProvider clock)
{
    /// <summary>Revokes a refresh token (its whole family) or an access token. Unknown tokens get 200 too (RFC 7009 §2.2).</summary>
    public async Task<IResult> RevokeAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var (form, client, error) = await AuthenticatedFormAsync(http);
        if (client is null)
            return error!;
        var token = form["token"].ToString();
        if (token.Length == 0)
            return OAuthError.Result(OAuthError.InvalidRequest, "The token parameter is missing.");

        if (form["token_type_hint"] != "access_token" && await FindRefreshAsync(token, ct) is { } refresh)
        {
            if (refresh.ClientId == client.ClientId)
                await grants.RevokeFamilyAsync(refresh.FamilyId, "revoked by client", ct);
            return Results.Ok();
        }
        if (await reader.ReadAccessTokenAsync(token, ct) is { } jwt && ClientOf(jwt) == client.ClientId)
            await grants.RevokeAccessTokenAsync(jwt.Id, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), ct);
        return Results.Ok();
    }

    /// <summary>Whether a token is active, and what it carries. Only confidential clients (resource servers) may ask.</summary>
    public async Task<IResult> IntrospectAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var (form, client, error) = await AuthenticatedFormAsync(http);
        if (client is null)
            return error!;
        if (!client.IsConfidential)
            return OAuthError.InvalidClientResult("Only confidential clients may introspect tokens.");
        var token = form["token"].ToString();
        var inactive = new NoStoreJson(new Dictionary<string, object> { ["active"] = false });
        if (token.Length == 0)
            return inactive;

        if (await reader.ReadAccessTokenAsync(token, ct) is { } jwt)
        {
            var body = new Dictionary<string, object> { ["active"] = true, ["token_type"] = "Bearer" };
            foreach (var claim in new[] { "iss", "sub", "aud", "exp", "iat", "nbf", "jti", StaffClaims.Scope, StaffClaims.ClientId,
                         StaffClaims.TenantId, StaffClaims.TenantSlug, StaffClaims.Role, StaffClaims.SessionId })
                if (jwt.TryGetPayloadValue<object>(claim, out var value))
                    body[claim] = value;
            return new NoStoreJson(body);
        }
        var now = clock.GetUtcNow();
        if (await FindRefreshAsync(token, ct) is { ConsumedAt: null, RevokedAt: null } refresh && refresh.ExpiresAt > now && refresh.FamilyExpiresAt > now)
        {
            var body = new Dictionary<string, object>
            {
                ["active"] = true, ["token_type"] = "refresh_token", ["client_id"] = refresh.ClientId, ["scope"] = refresh.Scope,
                ["exp"] = refresh.ExpiresAt.ToUnixTimeSeconds(), ["iat"] = refresh.CreatedAt.ToUnixTimeSeconds(),
            };
            if (refresh.UserId is { } userId)
                body["sub"] = userId.ToString();
            return new NoStoreJson(body);
        }
        return inactive;
    }

    /// <summary>The signed-in person behind an access token that carries <c>openid</c>.</summary>
    public async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (token is null && http.Request.HasFormContentType)
            token = (await http.Request.ReadFormAsync(ct))["access_token"];
        var jwt = await reader.ReadAccessTokenAsync(token, ct);
        if (jwt is null)
            return BearerError(StatusCodes.Status401Unauthorized, OAuthError.InvalidToken, "The access token is invalid, expired or revoked.");
        if (!Scopes.Parse(jwt.TryGetPayloadValue<string>(StaffClaims.Scope, out var scope) ? scope : "").Contains(Scopes.OpenId))
            return BearerError(StatusCodes.Status403Forbidden, "insufficient_scope", "userinfo needs the openid scope.");
        if (!Guid.TryParse(jwt.Subject, out var userId) || await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.Active, ct) is not { } user)
            return BearerError(StatusCodes.Status401Unauthorized, OAuthError.InvalidToken, "The token does not belong to an active person.");

        var scopes = Scopes.Parse(scope);
        var body = new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString(),
            [StaffClaims.TenantId] = user.TenantId.ToString(),
            [StaffClaims.TenantSlug] = jwt.GetPayloadValue<string>(StaffClaims.TenantSlug),
            [StaffClaims.Role] = user.Roles,
        };
        if (scopes.Contains(Scopes.Profile))
            body["name"] = user.Name;
        if (scopes.Contains(Scopes.Email))
        {
            body["email"] = user.Email;
            body["email_verified"] = true;
        }
        return new NoStoreJson(body);
    }

    async Task<(IFormCollection Form, OAuthClient? Client, IResult? Error)> AuthenticatedFormAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
            return (FormCollection.Empty, null, OAuthError.Result(OAuthError.InvalidRequest, "The request must be application/x-www-form-urlencoded."));
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (client, error) = await clients.AuthenticateAsync(http.Request, form, http.RequestAborted);
        return (form, client, error);
    }

    Task<RefreshToken?> FindRefreshAsync(string token, CancellationToken ct)
    {
        var hash = Secrets.Hash(token);
        return db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
    }

    static string? ClientOf(JsonWebToken jwt) => jwt.TryGetPayloadValue<string>(StaffClaims.ClientId, out var id) ? id : null;

    static IResult BearerError(int status, string error, string description) =>
        new NoStoreJson(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, status,
            $"Bearer error=\"{error}\", error_description=\"{description}\"");
}
