using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Tenancy.Data;

/// <summary>
/// Base for every service DbContext that holds tenant-owned rows. Isolation is enforced twice:
/// here, by a query filter on every <see cref="ITenantOwned"/> entity and a check on every write;
/// and in PostgreSQL, by row-level security fed by <see cref="TenantRlsInterceptor"/>.
/// </summary>
public abstract class TenantDbContext(DbContextOptions options, TenantContext tenant) : DbContext(options)
{
    public TenantContext Tenant { get; } = tenant;

    // Read by the query filters at execution time (EF parameterises context members), so a pooled or
    // reused model still filters by the tenant of this instance. Throws outside a tenant scope.
    Guid CurrentTenantId => Tenant.TenantId;

    static readonly PropertyInfo CurrentTenantIdProperty =
        typeof(TenantDbContext).GetProperty(nameof(CurrentTenantId), BindingFlags.Instance | BindingFlags.NonPublic)!;

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(TenantRlsInterceptor.Instance);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantOwned).IsAssignableFrom(entity.ClrType) || entity.BaseType is not null)
                continue;
            entity.FindProperty(nameof(ITenantOwned.TenantId))!.SetColumnName("tenant_id");
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
        }
    }

    // Writes always run in a transaction, so the tenant setting made when it starts covers every statement.
    // In a caller's transaction EF wraps the save in a savepoint, so that a failed save leaves that transaction usable.
    // A transaction opened here exists for this save alone and is rolled back whole on failure: there the savepoint
    // would only add two round trips (SAVEPOINT, RELEASE) to every write.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ApplyTenantRules();
        if (Database.CurrentTransaction is not null)
            return base.SaveChanges(acceptAllChangesOnSuccess);
        using var transaction = Database.BeginTransaction();
        Database.AutoSavepointsEnabled = false;
        int written;
        try { written = base.SaveChanges(acceptAllChangesOnSuccess); }
        finally { Database.AutoSavepointsEnabled = true; }
        transaction.Commit();
        return written;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ApplyTenantRules();
        if (Database.CurrentTransaction is not null)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        Database.AutoSavepointsEnabled = false;
        int written;
        try { written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken); }
        finally { Database.AutoSavepointsEnabled = true; }
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    void ApplyTenantRules()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity.TenantId == Guid.Empty:
                    entry.Entity.TenantId = CurrentTenantId;
                    break;
                case EntityState.Added or EntityState.Modified or EntityState.Deleted when entry.Entity.TenantId != CurrentTenantId:
                    throw new CrossTenantWriteException(
                        $"{entry.Metadata.DisplayName()} belongs to tenant {entry.Entity.TenantId}, not to {CurrentTenantId}.");
                // A store marking every column modified (OpenIddict's Update) writes the same tenant back: not a move.
                case EntityState.Modified when entry.Property(e => e.TenantId) is { IsModified: true } tenantColumn
                                               && tenantColumn.OriginalValue != tenantColumn.CurrentValue:
                    throw new CrossTenantWriteException($"{entry.Metadata.DisplayName()} cannot move to another tenant.");
            }
        }
    }

    // Builds: (TEntity e) => e.TenantId == this.CurrentTenantId
    LambdaExpression TenantFilter(Type entityType)
    {
        var e = Expression.Parameter(entityType, "e");
        var tenantId = Expression.Property(e, nameof(ITenantOwned.TenantId));
        var current = Expression.Property(Expression.Constant(this), CurrentTenantIdProperty);
        return Expression.Lambda(Expression.Equal(tenantId, current), e);
    }
}
