namespace BaseCommerce.Authentication;

/// <summary>What a staff member may do in a store; a person has one or more. The values travel in the <c>role</c> claim.</summary>
public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Vendedor = "vendedor";
    public const string Financeiro = "financeiro";
    public const string Estoquista = "estoquista";
    public const string Motorista = "motorista";

    public static readonly IReadOnlyList<string> All = [Admin, Vendedor, Financeiro, Estoquista, Motorista];
}

/// <summary>The scopes a client may ask for: the API's own and OpenID Connect's.</summary>
public static class Scopes
{
    public const string Api = "api";
    public const string ApiRead = "api.read";
    public const string Ops = "ops";
    public const string OpenId = "openid";
    public const string Profile = "profile";
    public const string Email = "email";
    public const string OfflineAccess = "offline_access";

    public static readonly IReadOnlyList<string> ApiScopes = [Api, ApiRead, Ops];
    public static readonly IReadOnlyList<string> IdentityScopes = [OpenId, Profile, Email, OfflineAccess];
    public static readonly IReadOnlyList<string> All = [.. ApiScopes, .. IdentityScopes];

    /// <summary>Splits a space-separated scope parameter (RFC 6749 §3.3) into distinct values.</summary>
    public static IReadOnlyList<string> Parse(string? scope) =>
        (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    public static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes);
}
