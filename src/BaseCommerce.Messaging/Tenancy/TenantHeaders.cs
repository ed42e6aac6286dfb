namespace BaseCommerce.Messaging.Tenancy;

/// <summary>The message headers that carry the tenant a message was sent for.</summary>
public static class TenantHeaders
{
    public const string TenantId = "BaseCommerce-Tenant-Id";
    public const string TenantSlug = "BaseCommerce-Tenant-Slug";
}
