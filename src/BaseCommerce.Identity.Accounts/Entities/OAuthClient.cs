using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Identity.Accounts.Entities;

/// <summary>An OAuth 2.0 client registered by a store (<c>identity.oauth_clients</c>).</summary>
public sealed class OAuthClient : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public string ClientType { get; set; } = ClientTypes.Confidential;
    public byte[]? SecretHash { get; set; }
    /// <summary>The store's own applications: signing in needs no consent screen.</summary>
    public bool FirstParty { get; set; }
    public List<string> GrantTypes { get; set; } = [];
    public List<string> RedirectUris { get; set; } = [];
    public List<string> PostLogoutRedirectUris { get; set; } = [];
    public List<string> Scopes { get; set; } = [];
    public int AccessTokenLifetimeSeconds { get; set; } = 900;
    public int RefreshTokenSlidingSeconds { get; set; } = 14 * 24 * 3600;
    public int RefreshTokenAbsoluteSeconds { get; set; } = 30 * 24 * 3600;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsConfidential => ClientType == ClientTypes.Confidential;
    public bool Allows(string grantType) => GrantTypes.Contains(grantType);
}

public static class ClientTypes
{
    public const string Confidential = "confidential";
    public const string Public = "public";
}

public static class GrantTypes
{
    public const string AuthorizationCode = "authorization_code";
    public const string RefreshToken = "refresh_token";
    public const string ClientCredentials = "client_credentials";
    public static readonly IReadOnlyList<string> All = [AuthorizationCode, RefreshToken, ClientCredentials];
}
