namespace BaseCommerce.Authentication;

/// <summary>Claim names as they appear in our JWTs and in the session cookie (JWT names, no inbound mapping).</summary>
public static class StaffClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string ClientId = "client_id";
    public const string SessionId = "sid";
    public const string TenantId = Tenancy.Web.TenantClaims.TenantId;
    public const string TenantSlug = Tenancy.Web.TenantClaims.TenantSlug;
}

public static class AuthSchemes
{
    /// <summary>The default: picks <see cref="Bearer"/> when the request has an Authorization header, else <see cref="Session"/>.</summary>
    public const string Default = "BaseCommerce";
    public const string Bearer = "Bearer";
    public const string Session = "StaffSession";

    public static string SessionCookieName(bool secure) => secure ? "__Host-bc.session" : "bc.session";
}
