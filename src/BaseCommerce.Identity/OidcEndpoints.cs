using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Server;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity;

public static class OidcEndpoints
{
    /// <summary>
    /// What Identity answers besides OpenIddict's own endpoints (discovery, JWKS, introspection, revocation): the
    /// pass-through actions of authorize, token, userinfo and logout, and the store's branding.
    /// </summary>
    public static void MapOidcEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapServerActions();
        app.MapGet("/tenant.json", async (TenantContext tenant, IdentityDb db, HttpContext http) =>
        {
            var store = await db.Stores.AsNoTracking().SingleAsync(s => s.Id == tenant.TenantId, http.RequestAborted);
            http.Response.Headers.CacheControl = "public, max-age=60";
            return Results.Json(new
            {
                slug = store.Slug,
                nome = store.Name,
                logo_url = store.LogoUrl,
                cor_primaria = store.PrimaryColor,
                cor_secundaria = store.SecondaryColor,
                recursos = store.Features.RootElement,
            });
        });
    }

    public static IServiceCollection AddOidcServer(this IServiceCollection services)
    {
        services.AddOptions<IdentityServerOptions>().BindConfiguration("IdentityServer");
        services.AddSingleton<Keys.SigningKeyRing>();
        services.AddHostedService<Keys.SigningKeyRotation>();
        services.AddScoped<SignIn.StaffSignIn>();
        services.AddScoped<SignIn.StoreBranding>();
        services.AddIdentityRateLimits();
        return services;
    }
}
