using BaseCommerce.Migrations;
using Npgsql;

namespace BaseCommerce.Testing;

/// <summary>
/// A throwaway database with every migration of the platform applied, created fresh for a test run.
/// Use one per test project (a distinct name), shared by its test classes through an xunit collection fixture.
/// </summary>
public sealed class TestDatabase
{
    public string Name { get; }
    public string OwnerConnection { get; }
    public string AppConnection { get; }

    TestDatabase(string name)
    {
        Name = name;
        OwnerConnection = TestSettings.ConnectionAs(DatabaseRoles.Owner, TestSettings.OwnerPassword, name);
        AppConnection = TestSettings.ConnectionAs(DatabaseRoles.App, TestSettings.AppPassword, name);
    }

    // Collections of one test assembly create their databases in parallel; the roles and their grants are cluster-wide,
    // and two bootstraps changing them at once fail with "tuple concurrently updated". One at a time per process.
    static readonly SemaphoreSlim Bootstrap = new(1, 1);

    public static async Task<TestDatabase> CreateAsync(string name)
    {
        await Bootstrap.WaitAsync();
        try
        {
            await DatabaseBootstrapper.DropAsync(TestSettings.AdminConnection, name);
            await DatabaseBootstrapper.EnsureAsync(TestSettings.AdminConnection, name, TestSettings.OwnerPassword, TestSettings.AppPassword);
            var database = new TestDatabase(name);
            await new SqlMigrator(database.OwnerConnection).ApplyAsync(ServiceSchemas.FromRepository(TestSettings.RepositoryRoot));
            return database;
        }
        finally
        {
            Bootstrap.Release();
        }
    }

    /// <summary>Runs SQL as the owner role (schema changes, fixtures that bypass the application).</summary>
    public async Task ExecuteAsOwnerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(OwnerConnection);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Runs SQL as a store, in one transaction with the tenant set (row-level security on): as the service role, or as the
    /// owner for fixtures written behind a service's back. Returns the last statement's scalar.
    /// </summary>
    public async Task<object?> AsTenantAsync(Guid tenant, string sql, bool asOwner = false)
    {
        await using var connection = new NpgsqlConnection(asOwner ? OwnerConnection : AppConnection);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", connection, tx))
        {
            set.Parameters.AddWithValue("t", tenant.ToString());
            await set.ExecuteScalarAsync();
        }
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        var value = await cmd.ExecuteScalarAsync();
        await tx.CommitAsync();
        return value;
    }

    /// <summary>Adds a store to the tenant directory and returns its id.</summary>
    public async Task<Guid> CreateTenantAsync(string slug, string? name = null, bool active = true)
    {
        await using var connection = new NpgsqlConnection(OwnerConnection);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "INSERT INTO identity.tenants (slug, name, active) VALUES (@s, @n, @a) RETURNING id", connection);
        cmd.Parameters.AddWithValue("s", slug);
        cmd.Parameters.AddWithValue("n", name ?? "Loja " + slug);
        cmd.Parameters.AddWithValue("a", active);
        return (Guid)(await cmd.ExecuteScalarAsync())!;
    }
}
