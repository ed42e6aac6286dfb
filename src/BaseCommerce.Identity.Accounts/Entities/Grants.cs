using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Identity.Accounts.Entities;

/// <summary>A signed-in staff session (<c>identity.sessions</c>); the session cookie and tokens carry its id as <c>sid</c>.</summary>
public sealed class StaffSession : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? UserAgent { get; set; }
    public string? IpAddress { get; set; }
}

public sealed class AuthorizationCode : ITenantOwned
{
    public byte[] CodeHash { get; set; } = [];
    public Guid TenantId { get; set; }
    public string ClientId { get; set; } = "";
    public Guid UserId { get; set; }
    public Guid SessionId { get; set; }
    public string RedirectUri { get; set; } = "";
    public string Scope { get; set; } = "";
    public string? Nonce { get; set; }
    public string CodeChallenge { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
    public Guid? RefreshFamily { get; set; }
    public string? AccessJti { get; set; }
}

public sealed class RefreshToken : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public byte[] TokenHash { get; set; } = [];
    public Guid TenantId { get; set; }
    public Guid FamilyId { get; set; }
    public string ClientId { get; set; } = "";
    public Guid? UserId { get; set; }
    public Guid? SessionId { get; set; }
    public string Scope { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset FamilyExpiresAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}

public sealed class RevokedAccessToken : ITenantOwned
{
    public string Jti { get; set; } = "";
    public Guid TenantId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset RevokedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class Consent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string ClientId { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public DateTimeOffset GrantedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A token signing key (<c>identity.signing_keys</c>): platform data, one key ring for every store.</summary>
public sealed class SigningKey
{
    public string Kid { get; set; } = "";
    public string Algorithm { get; set; } = "RS256";
    public string PrivateKeyProtected { get; set; } = "";
    public string PublicJwk { get; set; } = "";
    public DateTimeOffset ActivatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
