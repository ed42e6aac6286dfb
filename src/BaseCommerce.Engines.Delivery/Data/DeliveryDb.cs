using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Engines.Delivery.Data;

/// <summary>The <c>delivery</c> schema and the inbox/outbox tables; the engine's work is SQL on this context's transaction.</summary>
public sealed class DeliveryDb(DbContextOptions<DeliveryDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
    }
}
