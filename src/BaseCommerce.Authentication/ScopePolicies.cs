using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace BaseCommerce.Authentication;

/// <summary>
/// OAuth scopes as authorization policies. <c>api</c> reads and writes; <c>api.read</c> reads (also granted by <c>api</c>);
/// <c>ops</c> is the operators' API. A staff session (the web UI's cookie) carries no scope: it is the person on the
/// store's own UI, allowed the API scopes and checked by role.
/// </summary>
public static class ScopePolicies
{
    public const string Api = "scope:api";
    public const string ApiRead = "scope:api.read";
    public const string Ops = "scope:ops";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Api, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsStaffSession(c) || HasScope(c, "api")));
        options.AddPolicy(ApiRead, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsStaffSession(c) || HasScope(c, "api") || HasScope(c, "api.read")));
        options.AddPolicy(Ops, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasScope(c, "ops")));
    }

    public static bool HasScope(AuthorizationHandlerContext context, string scope) =>
        context.User.FindAll(StaffClaims.Scope).SelectMany(c => c.Value.Split(' ')).Contains(scope, StringComparer.Ordinal);

    /// <summary>The session cookie of a signed-in person (a token always names its client).</summary>
    public static bool IsStaffSession(AuthorizationHandlerContext context) =>
        context.User.FindFirst(StaffClaims.ClientId) is null && context.User.FindFirst(StaffClaims.SessionId) is not null;

    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy);
}
