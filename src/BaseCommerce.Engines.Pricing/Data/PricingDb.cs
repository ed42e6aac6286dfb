using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Engines.Pricing.Data;

/// <summary>The <c>pricing</c> schema and the inbox/outbox tables; the engine's work is SQL on this context's transaction.</summary>
public sealed class PricingDb(DbContextOptions<PricingDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
    }
}
