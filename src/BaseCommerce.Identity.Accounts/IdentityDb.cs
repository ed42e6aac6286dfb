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
    public DbSet<OAuthClient> Clients => Set<OAuthClient>();
    public DbSet<StaffSession> Sessions => Set<StaffSession>();
    public DbSet<AuthorizationCode> AuthorizationCodes => Set<AuthorizationCode>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<RevokedAccessToken> RevokedAccessTokens => Set<RevokedAccessToken>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema("identity");
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
        modelBuilder.Entity<OAuthClient>(e => e.ToTable("oauth_clients"));
        modelBuilder.Entity<StaffSession>(e => e.ToTable("sessions"));
        modelBuilder.Entity<AuthorizationCode>(e => { e.ToTable("authorization_codes"); e.HasKey(c => c.CodeHash); });
        modelBuilder.Entity<RefreshToken>(e => e.ToTable("refresh_tokens"));
        modelBuilder.Entity<RevokedAccessToken>(e => { e.ToTable("revoked_access_tokens"); e.HasKey(t => t.Jti); });
        modelBuilder.Entity<Consent>(e => { e.ToTable("consents"); e.HasKey(c => new { c.UserId, c.ClientId }); });
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
