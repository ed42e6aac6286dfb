using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;
using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts;

/// <summary>
/// The <c>identity</c> schema. Staff, clients and grants are tenant-owned (query filters and RLS);
/// stores and signing keys are platform data, readable without a tenant.
/// </summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Store> Stores => Set<Store>();
    public DbSet<StaffUser> Users => Set<StaffUser>();
    public DbSet<StaffSession> Sessions => Set<StaffSession>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<StoreApplication> Applications => Set<StoreApplication>();
    public DbSet<StoreAuthorization> Authorizations => Set<StoreAuthorization>();
    public DbSet<StoreToken> Tokens => Set<StoreToken>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("identity");
        // OpenIddict's model first, so that the base class sees its tenant-owned entities and filters them.
        modelBuilder.UseOpenIddict<StoreApplication, StoreAuthorization, StoreScope, StoreToken, Guid>();
        modelBuilder.Entity<StoreApplication>(e =>
        {
            e.ToTable("oidc_applications");
            // A client id is unique within its store, not across stores.
            e.Metadata.RemoveIndex(e.Metadata.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual([nameof(StoreApplication.ClientId)])));
            e.HasIndex(a => new { a.TenantId, a.ClientId }).IsUnique();
        });
        modelBuilder.Entity<StoreAuthorization>(e => e.ToTable("oidc_authorizations"));
        modelBuilder.Entity<StoreToken>(e => e.ToTable("oidc_tokens"));
        modelBuilder.Entity<StoreScope>(e => e.ToTable("oidc_scopes"));
        // The inbox of Identity's one consumer (the scheduler's nightly purge) and its outbox, in schema messaging.
        modelBuilder.AddTransactionalOutboxEntities();
        modelBuilder.Entity<Store>(e =>
        {
            e.ToTable("tenants");
            e.Property(s => s.Features).HasColumnType("jsonb");
            e.Property(s => s.CreatedAt).ValueGeneratedOnAdd();
        });
        modelBuilder.Entity<StaffUser>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        });
        modelBuilder.Entity<StaffSession>(e => e.ToTable("sessions"));
        modelBuilder.Entity<SigningKey>(e =>
        {
            e.ToTable("signing_keys");
            e.HasKey(k => k.Kid);
            e.Property(k => k.PublicJwk).HasColumnType("jsonb");
        });
        base.OnModelCreating(modelBuilder);
        SnakeCaseNames.Apply(modelBuilder);
    }
}
