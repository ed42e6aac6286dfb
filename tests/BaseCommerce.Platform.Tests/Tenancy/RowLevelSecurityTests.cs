using BaseCommerce.Tenancy.Data;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Tenancy;

/// <summary>Isolation enforced by PostgreSQL itself, for the service role, whatever SQL it sends.</summary>
[Collection(PlatformDatabaseCollection.Name)]
public sealed class RowLevelSecurityTests(PlatformDatabase fixture) : IAsyncLifetime
{
    readonly Guid _tenantA = Guid.NewGuid(), _tenantB = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await NotesSchema.EnsureAsync(fixture.Database);
        await InsertAsApp(_tenantA, "nota de A");
        await InsertAsApp(_tenantB, "nota de B");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ServiceRole_OwnsNoTable_AndCannotBypassRowLevelSecurity()
    {
        await using var c = await Open(fixture.Database.AppConnection);
        await using var cmd = new NpgsqlCommand("""
            SELECT r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_tables t WHERE t.tableowner = r.rolname)
            FROM pg_roles r WHERE r.rolname = current_user
            """, c);
        await using var reader = await cmd.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetBoolean(0).ShouldBeFalse("the service role must not be a superuser");
        reader.GetBoolean(1).ShouldBeFalse("the service role must not have BYPASSRLS");
        reader.GetInt64(2).ShouldBe(0, "the service role must own no table (owners can bypass RLS)");
    }

    [Fact]
    public async Task RawSql_AsTenantA_SeesOnlyTenantARows()
    {
        var tenants = await TenantsVisible(_tenantA);
        tenants.ShouldContain(_tenantA);
        tenants.ShouldNotContain(_tenantB);
    }

    [Fact]
    public async Task RawSql_WithoutTenant_SeesNoRow()
    {
        (await TenantsVisible(null)).ShouldBeEmpty();
    }

    [Fact]
    public async Task RawSql_InsertForAnotherTenant_IsRefused()
    {
        await using var c = await Open(fixture.Database.AppConnection);
        await using var cmd = new NpgsqlCommand(
            TenantRlsInterceptor.SetTenantSql(_tenantA) + "INSERT INTO tenancy_test.notes (tenant_id, body) VALUES (@t, 'intrusa')", c);
        cmd.Parameters.AddWithValue("t", _tenantB);

        var error = await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task RawSql_UpdateWithoutWhere_TouchesOnlyTheCurrentTenantsRows()
    {
        await using var c = await Open(fixture.Database.AppConnection);
        await using var update = new NpgsqlCommand(TenantRlsInterceptor.SetTenantSql(_tenantB) + "UPDATE tenancy_test.notes SET body = body", c);
        var touched = await update.ExecuteNonQueryAsync();
        await using var count = new NpgsqlCommand(TenantRlsInterceptor.SetTenantSql(_tenantB) + "SELECT count(*) FROM tenancy_test.notes", c);
        touched.ShouldBe((int)(long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task PooledConnection_ReusedAfterTenantA_CarriesNoTenant()
    {
        // One physical connection: the second open must get the very same backend.
        var pooled = TestingConnection(maxPoolSize: 1);
        int firstBackend;
        await using (var first = await Open(pooled))
        {
            await using var cmd = new NpgsqlCommand(TenantRlsInterceptor.SetTenantSql(_tenantA) + "SELECT pg_backend_pid()", first);
            firstBackend = (int)(await cmd.ExecuteScalarAsync())!;
        }

        await using var second = await Open(pooled);
        await using var probe = new NpgsqlCommand(
            "SELECT pg_backend_pid(), coalesce(current_setting('app.tenant_id', true), ''), (SELECT count(*) FROM tenancy_test.notes)", second);
        await using var reader = await probe.ExecuteReaderAsync();
        await reader.ReadAsync();
        reader.GetInt32(0).ShouldBe(firstBackend);
        reader.GetString(1).ShouldBe("");
        reader.GetInt64(2).ShouldBe(0);
    }

    [Fact]
    public async Task EveryTenantOwnedTable_HasForcedRowLevelSecurityAndAPolicy()
    {
        await using var c = await Open(fixture.Database.OwnerConnection);
        await using var cmd = new NpgsqlCommand("""
            SELECT n.nspname || '.' || t.relname
            FROM pg_class t
            JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE t.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND NOT (t.relrowsecurity AND t.relforcerowsecurity
                       AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = t.oid))
            """, c);
        var unprotected = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) unprotected.Add(reader.GetString(0));
        unprotected.ShouldBeEmpty("tables with a tenant_id column must call platform.enable_tenant_isolation()");
    }

    async Task<List<Guid>> TenantsVisible(Guid? tenant)
    {
        await using var c = await Open(fixture.Database.AppConnection);
        var sql = (tenant is { } t ? TenantRlsInterceptor.SetTenantSql(t) : "") + "SELECT DISTINCT tenant_id FROM tenancy_test.notes";
        await using var cmd = new NpgsqlCommand(sql, c);
        var result = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add(reader.GetGuid(0));
        return result;
    }

    async Task InsertAsApp(Guid tenant, string body)
    {
        await using var c = await Open(fixture.Database.AppConnection);
        await using var cmd = new NpgsqlCommand(TenantRlsInterceptor.SetTenantSql(tenant) + "INSERT INTO tenancy_test.notes (tenant_id, body) VALUES (@t, @b)", c);
        cmd.Parameters.AddWithValue("t", tenant);
        cmd.Parameters.AddWithValue("b", body);
        await cmd.ExecuteNonQueryAsync();
    }

    string TestingConnection(int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(fixture.Database.AppConnection) { MaxPoolSize = maxPoolSize, ApplicationName = "rls-pool-" + Guid.NewGuid().ToString("N")[..6] }.ConnectionString;

    static async Task<NpgsqlConnection> Open(string connectionString)
    {
        var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        return c;
    }
}
