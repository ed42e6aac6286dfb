using BaseCommerce.Migrations;
using Npgsql;

namespace BaseCommerce.Cli.Platform;

/// <summary>Roles, database, migrations and the demo seed of the local platform.</summary>
internal sealed class Database(Repo repo, LocalSettings settings)
{
    public Task BootstrapAsync() =>
        DatabaseBootstrapper.EnsureAsync(settings.AdminConnection(), settings.Database, settings.OwnerPassword, settings.AppPassword);

    public IReadOnlyList<ServiceMigrations> Migrations() => ServiceSchemas.FromRepository(repo.Root);

    public async Task<IReadOnlyList<(string Schema, MigrationScript Script)>> MigrateAsync()
    {
        try
        {
            return await new SqlMigrator(settings.OwnerConnection).ApplyAsync(Migrations());
        }
        catch (MigrationException e)
        {
            throw new CliException(e.Message);
        }
    }

    public Task<IReadOnlyList<MigrationStatus>> StatusAsync() => new SqlMigrator(settings.OwnerConnection).StatusAsync(Migrations());

    /// <summary>
    /// The demo stores: 'demo' (the one a newcomer signs in to) and 'acme' (a second store, for trying isolation).
    /// Idempotent: existing rows are left as they are.
    /// </summary>
    public async Task SeedDemoAsync()
    {
        await using var connection = new NpgsqlConnection(settings.OwnerConnection);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO identity.tenants (slug, name) VALUES
                ('demo', 'Casa do Construtor Demo'),
                ('acme', 'Acme Materiais de Construção')
            ON CONFLICT (slug) DO NOTHING
            """, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
