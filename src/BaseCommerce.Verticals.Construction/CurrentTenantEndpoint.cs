using BaseCommerce.Tenancy;

namespace BaseCommerce.Verticals.Construction;

internal static class CurrentTenantEndpoint
{
    /// <summary><c>GET /api/v1/tenant</c>: the store this request resolved to.</summary>
    public static void MapCurrentTenant(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/v1/tenant", (TenantContext context) =>
        {
            var tenant = context.Tenant!;
            return TypedResults.Ok(new { id = tenant.Id, slug = tenant.Slug, nome = tenant.Name });
        });
}
