using BaseCommerce.Identity.Keys;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Web;
using Microsoft.Extensions.Options;

namespace BaseCommerce.Identity.Server;

/// <summary>
/// Opens the store's tenant scope before authentication, where OpenIddict handles its endpoints: its stores read clients
/// and tokens under the store's row-level security, and its options are the store's (<see cref="StoreServerOptionsMonitor"/>).
/// The tenancy middleware later checks the signed-in person against the same store, as in every service. A protocol
/// request that names no store (or an unknown one) is refused here; the JWKS needs none.
/// </summary>
public sealed class StoreFirstMiddleware(RequestDelegate next, TenantDirectory directory, SigningKeyRing ring, IOptions<TenancyOptions> tenancy)
{
    public async Task InvokeAsync(HttpContext http, TenantContext tenant)
    {
        // Cheap (the ring reloads at most every 30 s): the options monitor reads its snapshot synchronously.
        await ring.RefreshAsync(http.RequestAborted);
        var slug = TenantResolutionMiddleware.SlugOf(http.Request, tenancy.Value);
        var store = slug is null ? null : await directory.FindBySlugAsync(slug, http.RequestAborted);
        if (store is { Active: true })
            tenant.Use(store);
        else if (IsProtocol(http.Request.Path))
        {
            await Results.Problem(statusCode: slug is null ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound,
                title: slug is null ? "Tenant not specified" : "Tenant not found",
                detail: slug is null ? "A loja não foi informada: acesse pelo endereço da loja." : $"A loja '{slug}' não existe ou está inativa.")
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }

    static bool IsProtocol(PathString path) =>
        path.StartsWithSegments("/connect") || path.StartsWithSegments("/.well-known/openid-configuration")
        || path.StartsWithSegments("/.well-known/oauth-authorization-server");
}
