namespace BaseCommerce.Identity.Accounts.Entities;

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
