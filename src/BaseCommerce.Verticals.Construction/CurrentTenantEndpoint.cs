using BaseCommerce.Authentication;
using BaseCommerce.Tenancy;

namespace BaseCommerce.Verticals.Construction;

internal static class CurrentTenantEndpoint
{
    /// <summary><c>GET /api/v1/tenant</c>: the store this request resolved to.</summary>
    public static void MapCurrentTenant(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/tenant", (TenantContext context) =>
        {
            var tenant = context.Tenant!;
            return TypedResults.Ok(new { id = tenant.Id, slug = tenant.Slug, nome = tenant.Name });
        });

        // GET /api/v1/me: who is calling — a signed-in person (session cookie) or an OAuth client (Bearer token).
        endpoints.MapGet("/api/v1/me", (HttpContext http, TenantContext context) =>
        {
            var user = http.User;
            return TypedResults.Ok(new
            {
                sub = user.FindFirst(StaffClaims.Subject)?.Value,
                nome = user.FindFirst(StaffClaims.Name)?.Value,
                email = user.FindFirst(StaffClaims.Email)?.Value,
                client_id = user.FindFirst(StaffClaims.ClientId)?.Value,
                papeis = user.FindAll(StaffClaims.Role).Select(c => c.Value).ToArray(),
                escopos = user.FindAll(StaffClaims.Scope).SelectMany(c => c.Value.Split(' ')).ToArray(),
                loja = context.Tenant!.Slug,
            });
        }).RequireAuthorization(ScopePolicies.ApiRead);
    }
}
