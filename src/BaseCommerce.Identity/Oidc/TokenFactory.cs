using System.Security.Cryptography;
using System.Text;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Identity.Keys;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BaseCommerce.Identity.Oidc;

/// <summary>Who an access token speaks for: a staff member (through a client) or the client itself.</summary>
public sealed record TokenSubject(string Subject, string ClientId, IReadOnlyList<string> Scopes, StaffUser? User = null, Guid? SessionId = null);

public sealed record IssuedAccessToken(string Token, string Jti, DateTimeOffset ExpiresAt);

/// <summary>Signs access tokens (RFC 9068 JWTs) and ID tokens with the key ring's current key.</summary>
public sealed class TokenFactory(SigningKeyRing keys, IOptions<AuthOptions> auth, TimeProvider clock)
{
    static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string IssuerFor(TenantInfo tenant) => auth.Value.IssuerFor(tenant.Slug);

    public async Task<IssuedAccessToken> AccessTokenAsync(TenantInfo tenant, TokenSubject subject, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var jti = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var claims = new Dictionary<string, object>
        {
            [StaffClaims.Subject] = subject.Subject,
            [JwtRegisteredClaimNames.Jti] = jti,
            [StaffClaims.ClientId] = subject.ClientId,
            [StaffClaims.Scope] = string.Join(' ', subject.Scopes),
            [StaffClaims.TenantId] = tenant.Id.ToString(),
            [StaffClaims.TenantSlug] = tenant.Slug,
        };
        if (subject.User is { } user)
        {
            claims[StaffClaims.Role] = user.Roles.ToArray();
            claims[StaffClaims.Name] = user.Name;
            claims[StaffClaims.Email] = user.Email;
        }
        if (subject.SessionId is { } sid)
            claims[StaffClaims.SessionId] = sid.ToString();
        var expires = now + lifetime;
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerFor(tenant),
            Audience = auth.Value.Audience,
            TokenType = AuthenticationRegistration.AccessTokenType,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = await keys.SigningCredentialsAsync(ct),
        });
        return new IssuedAccessToken(token, jti, expires);
    }

    /// <summary>An OpenID Connect ID token for <paramref name="clientId"/>; its lifetime matches the access token's.</summary>
    public async Task<string> IdTokenAsync(TenantInfo tenant, StaffUser user, string clientId, IReadOnlyList<string> scopes, string? nonce,
        Guid sessionId, DateTimeOffset authTime, string accessToken, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            [StaffClaims.Subject] = user.Id.ToString(),
            [StaffClaims.TenantId] = tenant.Id.ToString(),
            [StaffClaims.TenantSlug] = tenant.Slug,
            [StaffClaims.SessionId] = sessionId.ToString(),
            [StaffClaims.Role] = user.Roles.ToArray(),
            ["auth_time"] = authTime.ToUnixTimeSeconds(),
            ["at_hash"] = LeftHalfHash(accessToken),
        };
        if (nonce is not null)
            claims["nonce"] = nonce;
        if (scopes.Contains(BaseCommerce.Authentication.Scopes.Profile))
            claims[StaffClaims.Name] = user.Name;
        if (scopes.Contains(BaseCommerce.Authentication.Scopes.Email))
        {
            claims[StaffClaims.Email] = user.Email;
            claims["email_verified"] = true;
        }
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IssuerFor(tenant),
            Audience = clientId,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = await keys.SigningCredentialsAsync(ct),
        });
    }

    // OIDC Core §3.1.3.6: base64url of the left half of SHA-256 of the access token's ASCII.
    static string LeftHalfHash(string token)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(token));
        return WebEncoders.Base64UrlEncode(hash, 0, hash.Length / 2);
    }
}
