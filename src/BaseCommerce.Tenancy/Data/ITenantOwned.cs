namespace BaseCommerce.Tenancy.Data;

/// <summary>
/// A row that belongs to one tenant. <see cref="TenantDbContext"/> filters every query by it and stamps
/// it on insert; PostgreSQL row-level security enforces the same rule underneath.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
