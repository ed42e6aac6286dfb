using BaseCommerce.Tenancy;
using BaseCommerce.Tenancy.Data;
using BaseCommerce.Testing;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Platform.Tests.Tenancy;

/// <summary>A tenant-owned test table, isolated exactly the way service migrations isolate theirs.</summary>
public static class NotesSchema
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? _createdIn;

    public static async Task EnsureAsync(TestDatabase database)
    {
        await Gate.WaitAsync();
        try
        {
            if (_createdIn == database.Name) return;
            await database.ExecuteAsOwnerAsync("""
                CREATE SCHEMA IF NOT EXISTS tenancy_test;
                SELECT platform.grant_service_access('tenancy_test');
                CREATE TABLE IF NOT EXISTS tenancy_test.notes (
                    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    tenant_id uuid NOT NULL,
                    body      text NOT NULL);
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'tenancy_test' AND tablename = 'notes') THEN
                        PERFORM platform.enable_tenant_isolation('tenancy_test.notes');
                    END IF;
                END $$;
                """);
            _createdIn = database.Name;
        }
        finally
        {
            Gate.Release();
        }
    }
}

public sealed class Note : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string Body { get; set; } = "";
}

public sealed class NotesContext(DbContextOptions<NotesContext> options, TenantContext tenant) : TenantDbContext(options, tenant)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes", "tenancy_test");
            note.Property(n => n.Id).HasColumnName("id");
            note.Property(n => n.Body).HasColumnName("body");
        });
        base.OnModelCreating(modelBuilder);
    }

    public static NotesContext For(string connectionString, TenantContext tenant) =>
        new(new DbContextOptionsBuilder<NotesContext>().UseNpgsql(connectionString).Options, tenant);
}
