namespace BaseCommerce.Identity;

/// <summary>Configuration section <c>IdentityServer</c>: lifetimes, key rotation and rate limits of the authorization server.</summary>
public sealed class IdentityServerOptions
{
    public int AuthorizationCodeSeconds { get; set; } = 120;

    /// <summary>A signing key signs for this long, then a new one takes over.</summary>
    public int KeyRotationDays { get; set; } = 30;

    /// <summary>Sign-in attempts per minute from one address to one store.</summary>
    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Token, revocation and introspection requests per minute from one address to one store.</summary>
    public int TokenPermitsPerMinute { get; set; } = 120;
}
