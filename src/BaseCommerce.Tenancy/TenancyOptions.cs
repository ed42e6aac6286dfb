namespace BaseCommerce.Tenancy;

/// <summary>
/// Configuration section "Tenancy":
/// <code>{ "Tenancy": { "BaseDomains": [ "basecommerce.com.br", "localhost" ] } }</code>
/// </summary>
public sealed class TenancyOptions
{
    /// <summary>Domains whose first label is a tenant slug when no proxy supplied <c>X-Tenant-Slug</c>.</summary>
    public List<string> BaseDomains { get; set; } = ["basecommerce.com.br", "localhost"];
}
