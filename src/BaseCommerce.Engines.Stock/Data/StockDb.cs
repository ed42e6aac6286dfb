using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Data;

/// <summary>
/// The <c>stock</c> schema and the inbox/outbox tables the engine's consumers go through. The engine's work is
/// set-based SQL (<see cref="Domain.StockFacts"/>), run on this context's connection and transaction, so the inbox,
/// the facts and the events they cause commit together, as the tenant (row-level security) of the message.
/// </summary>
public sealed class StockDb(DbContextOptions<StockDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    protected override void OnModelCreating(ModelBuilder model)
    {
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
    }
}
