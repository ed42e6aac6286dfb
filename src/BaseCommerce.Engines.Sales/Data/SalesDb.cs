using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Engines.Sales.Data;

/// <summary>The <c>sales</c> schema and the inbox/outbox tables; the engine's work is set-based SQL on this context's transaction.</summary>
public sealed class SalesDb(DbContextOptions<SalesDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
    }
}
