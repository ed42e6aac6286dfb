namespace BaseCommerce.Tenancy;

/// <summary>
/// Who the current unit of work runs for. Scoped: one per HTTP request or consumed message.
/// It starts empty, and an empty context refuses tenant-owned data: work runs either as a tenant
/// (<see cref="Use"/>) or, explicitly, as the platform (<see cref="UsePlatform"/>), never by default.
/// </summary>
public sealed class TenantContext
{
    public TenantInfo? Tenant { get; private set; }

    /// <summary>True when this unit of work was declared platform work (migrations, cross-tenant jobs).</summary>
    public bool IsPlatform { get; private set; }

    public bool HasTenant => Tenant is not null;

    /// <summary>The current tenant's id; throws when the work is not running as a tenant.</summary>
    public Guid TenantId => Tenant?.Id ?? throw new TenantNotResolvedException(IsPlatform
        ? "This unit of work runs as the platform; tenant-owned data needs a tenant scope."
        : "No tenant was resolved for this unit of work.");

    public void Use(TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (Tenant is not null && Tenant.Id != tenant.Id)
            throw new InvalidOperationException("A unit of work cannot switch tenants; open a new scope instead.");
        if (IsPlatform)
            throw new InvalidOperationException("A platform unit of work cannot become a tenant one; open a new scope instead.");
        Tenant = tenant;
    }

    public void UsePlatform()
    {
        if (Tenant is not null)
            throw new InvalidOperationException("A tenant unit of work cannot become a platform one; open a new scope instead.");
        IsPlatform = true;
    }
}
