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
