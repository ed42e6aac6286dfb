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
    /// The demo stores 'demo' and 'acme', each with its admin, and demo's API client (see README, "Demo data").
    /// Idempotent: what exists is left as it is.
    /// </summary>
    public async Task SeedDemoAsync()
    {
        await using var admin = new IdentityAdmin(settings);
        await admin.SeedDemoAsync();
    }
}
