using System.Text.Json;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Keys;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaseCommerce.Identity.Oidc;

/// <summary>OpenID Connect Discovery / RFC 8414 metadata of the store's issuer, the JWKS (RFC 7517) and the store's branding.</summary>
public static class DiscoveryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", (TenantContext tenant, IOptions<AuthOptions> auth) => Metadata(auth.Value.IssuerFor(tenant.Tenant!.Slug)));
        app.MapGet("/.well-known/oauth-authorization-server", (TenantContext tenant, IOptions<AuthOptions> auth) => Metadata(auth.Value.IssuerFor(tenant.Tenant!.Slug)));

        // The same keys for every store; services fetch them without going through a store's host.
        app.MapGet("/.well-known/jwks.json", async (SigningKeyRing ring, HttpContext http) =>
        {
            var keys = (await ring.PublishedAsync(http.RequestAborted)).Select(k => JsonDocument.Parse(k.Row.PublicJwk).RootElement).ToList();
            http.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(new { keys });
        }).AllowWithoutTenant();

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

    static IResult Metadata(string issuer) => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = issuer + "/connect/authorize",
        ["token_endpoint"] = issuer + "/connect/token",
        ["revocation_endpoint"] = issuer + "/connect/revoke",
        ["introspection_endpoint"] = issuer + "/connect/introspect",
        ["userinfo_endpoint"] = issuer + "/connect/userinfo",
        ["end_session_endpoint"] = issuer + "/connect/logout",
        ["jwks_uri"] = issuer + "/.well-known/jwks.json",
        ["response_types_supported"] = new[] { "code" },
        ["response_modes_supported"] = new[] { "query" },
        ["grant_types_supported"] = new[] { "authorization_code", "refresh_token", "client_credentials" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
        ["revocation_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "none" },
        ["introspection_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
        ["scopes_supported"] = Scopes.All,
        ["claims_supported"] = new[] { "sub", "name", "email", "email_verified", "role", "tenant_id", "tenant_slug", "sid", "auth_time", "nonce" },
        ["prompt_values_supported"] = new[] { "none", "login" },
        ["authorization_response_iss_parameter_supported"] = true,
        ["ui_locales_supported"] = new[] { "pt-BR" },
    });
}
