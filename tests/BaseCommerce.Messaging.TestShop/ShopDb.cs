using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.TestShop;

/// <summary>A tenant-owned business row of the test schema: what a service writes beside its events.</summary>
public sealed class Order : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public string Numero { get; set; } = "";
    public int Effects { get; set; }
}

/// <summary>A service DbContext as the platform writes them: tenant-isolated business rows plus the outbox tables.</summary>
public sealed class ShopDb(DbContextOptions<ShopDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public const string Schema = "test_shop";

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Order>(o =>
        {
            o.ToTable("orders", Schema);
            o.Property(x => x.Id).HasColumnName("id");
            o.Property(x => x.Numero).HasColumnName("numero");
            o.Property(x => x.Effects).HasColumnName("effects");
        });
        model.AddTransactionalOutboxEntities();
        base.OnModelCreating(model);
    }

    public const string CreateSchemaSql = $"""
        CREATE SCHEMA {Schema};
        SELECT platform.grant_service_access('{Schema}');
        CREATE TABLE {Schema}.orders (
            id uuid PRIMARY KEY,
            tenant_id uuid NOT NULL,
            numero text NOT NULL,
            effects integer NOT NULL DEFAULT 0);
        GRANT SELECT, INSERT, UPDATE, DELETE ON {Schema}.orders TO basecommerce_app;
        SELECT platform.enable_tenant_isolation('{Schema}.orders');
        """;
}
