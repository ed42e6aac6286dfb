using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Keys;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BaseCommerce.Identity.Oidc;

/// <summary>
/// Validates this server's own JWTs for userinfo, introspection, revocation and end-session: signature with the key ring,
/// the current store as issuer, audience, lifetime; access tokens must also not be revoked.
/// </summary>
public sealed class AccessTokenReader(SigningKeyRing keys, IOptions<AuthOptions> auth, TenantContext tenantContext, IdentityDb db)
{
    static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<JsonWebToken?> ReadAccessTokenAsync(string? token, CancellationToken ct)
    {
        var jwt = await ValidateAsync(token, auth.Value.Audience, AuthenticationRegistration.AccessTokenType, validateLifetime: true, ct);
        if (jwt is null)
            return null;
        var jti = jwt.Id;
        return await db.RevokedAccessTokens.AnyAsync(t => t.Jti == jti, ct) ? null : jwt;
    }

    /// <summary>An ID token as <c>id_token_hint</c>: expired ones are accepted (OIDC RP-Initiated Logout §2), audience is any client.</summary>
    public Task<JsonWebToken?> ReadIdTokenHintAsync(string? token, CancellationToken ct) =>
        ValidateAsync(token, audience: null, tokenType: null, validateLifetime: false, ct);

    async Task<JsonWebToken?> ValidateAsync(string? token, string? audience, string? tokenType, bool validateLifetime, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || !Handler.CanReadToken(token))
            return null;
        var published = await keys.PublishedAsync(ct);
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = auth.Value.IssuerFor(tenantContext.Tenant!.Slug),
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            ValidateLifetime = validateLifetime,
            ClockSkew = TimeSpan.FromSeconds(auth.Value.ClockSkewSeconds),
            IssuerSigningKeys = published.Select(k => (SecurityKey)k.Key),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = tokenType is null ? null : [tokenType],
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            return null;
        // The issuer names the store, but the claim is what services check: both must agree with this host.
        return jwt.TryGetPayloadValue<string>(StaffClaims.TenantId, out var tenantId) && tenantId == tenantContext.TenantId.ToString() ? jwt : null;
    }
}
