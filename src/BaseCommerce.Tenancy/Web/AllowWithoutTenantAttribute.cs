namespace BaseCommerce.Tenancy.Web;

/// <summary>
/// Endpoint metadata: this endpoint serves the platform, not a store (health, metrics, discovery).
/// Every other endpoint needs a resolved, active tenant.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowWithoutTenantAttribute : Attribute;
