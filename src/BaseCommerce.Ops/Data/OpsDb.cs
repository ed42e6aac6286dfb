using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Ops.Data;

/// <summary>
/// Ops' own outbox: a scheduled job publishes its engine command here, as the store, and the outbox delivers it after
/// commit. Ops keeps its few tables of its own (<c>ops.paused_jobs</c>) in SQL.
/// </summary>
public sealed class OpsDb(DbContextOptions<OpsDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
    }
}
