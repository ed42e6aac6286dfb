namespace BaseCommerce.Authentication;

/// <summary>
/// Configuration section <c>Auth</c>, shared by the Identity service (which issues) and every other service (which validates).
/// </summary>
public sealed class AuthOptions
{
    /// <summary>
    /// The issuer of a store's tokens, with <c>{slug}</c> for the store: each store is its own issuer, on its own subdomain
    /// (discovery lives at <c>{issuer}/.well-known/openid-configuration</c>).
    /// </summary>
    public string IssuerTemplate { get; set; } = "http://{slug}.localhost:8080/auth";

    /// <summary>Where services fetch the signing keys from, inside the platform's network (not through the edge).</summary>
    public string Authority { get; set; } = "http://127.0.0.1:8001/auth";

    /// <summary>The <c>aud</c> of every access token: the BaseCommerce API.</summary>
    public string Audience { get; set; } = "basecommerce-api";

    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>How long fetched signing keys are trusted before the next fetch; an unknown <c>kid</c> fetches sooner.</summary>
    public int JwksCacheSeconds { get; set; } = 600;

    /// <summary>The least time between two fetches caused by unknown <c>kid</c>s, so forged tokens cannot flood Identity.</summary>
    public int JwksMinRefreshSeconds { get; set; } = 5;

    /// <summary>
    /// True when the platform is served over HTTPS: the session cookie is then <c>__Host-bc.session</c> and Secure.
    /// Over plain HTTP (local development) it is <c>bc.session</c>; host-only (no Domain) either way.
    /// </summary>
    public bool SecureCookies { get; set; }

    /// <summary>The Redis stream that carries access-token revocations to every service (<c>Revocation.RevocationStream</c>).</summary>
    public string RevocationStream { get; set; } = "bc:auth:revocations";

    public string IssuerFor(string slug) => IssuerTemplate.Replace("{slug}", slug, StringComparison.Ordinal).TrimEnd('/');
}
