using BaseCommerce.Identity.Oidc;

namespace BaseCommerce.Identity;

public static class OidcEndpoints
{
    /// <summary>The authorization server's endpoints (paths under the /auth path base); see DiscoveryEndpoints for metadata.</summary>
    public static void MapOidcEndpoints(this IEndpointRouteBuilder app)
    {
        DiscoveryEndpoints.Map(app);
        app.MapGet("/connect/authorize", (AuthorizeEndpoint e, HttpContext http) => e.HandleAsync(http));
        app.MapPost("/connect/token", (TokenEndpoint e, HttpContext http) => e.HandleAsync(http)).RequireRateLimiting(IdentityRateLimits.Token);
        app.MapPost("/connect/revoke", (TokenLifecycleEndpoints e, HttpContext http) => e.RevokeAsync(http)).RequireRateLimiting(IdentityRateLimits.Token);
        app.MapPost("/connect/introspect", (TokenLifecycleEndpoints e, HttpContext http) => e.IntrospectAsync(http)).RequireRateLimiting(IdentityRateLimits.Token);
        app.MapMethods("/connect/userinfo", ["GET", "POST"], (TokenLifecycleEndpoints e, HttpContext http) => e.UserInfoAsync(http));
        app.MapMethods("/connect/logout", ["GET", "POST"], (EndSessionEndpoint e, HttpContext http) => e.HandleAsync(http));
    }

    public static IServiceCollection AddOidcServer(this IServiceCollection services)
    {
        services.AddOptions<IdentityServerOptions>().BindConfiguration("IdentityServer");
        services.AddSingleton<Keys.SigningKeyRing>();
        services.AddHostedService<Keys.SigningKeyRotation>();
        services.AddSingleton<TokenFactory>();
        services.AddScoped<ClientAuthenticator>();
        services.AddScoped<AccessTokenReader>();
        services.AddScoped<AuthorizeEndpoint>();
        services.AddScoped<TokenEndpoint>();
        services.AddScoped<TokenLifecycleEndpoints>();
        services.AddScoped<EndSessionEndpoint>();
        services.AddScoped<SignIn.StaffSignIn>();
        services.AddScoped<SignIn.StoreBranding>();
        services.AddIdentityRateLimits();
        return services;
    }
}
