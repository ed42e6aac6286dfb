namespace BaseCommerce.Tenancy.Web;

public static class TenantClaims
{
    /// <summary>The JWT claim carrying the tenant's id; every token issued for a store carries it.</summary>
    public const string TenantId = "tenant_id";

    public const string TenantSlug = "tenant_slug";

    /// <summary>The header nginx sets from the subdomain, replacing any value a client sent.</summary>
    public const string SlugHeader = "X-Tenant-Slug";
}
