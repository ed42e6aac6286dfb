using Hangfire.PostgreSql;
using Npgsql;

namespace BaseCommerce.Migrations;

/// <summary>
/// Hangfire's storage (schema <c>hangfire</c>, used by the Ops service's scheduler): created by Hangfire.PostgreSql's own
/// installer, run by the migrator as the owner role after the <c>ops</c> scripts made the schema and its default grants.
/// The services start with <c>PrepareSchemaIfNecessary = false</c>: the service role cannot create objects, and when it
/// tries Hangfire blocks 31 s and then fails. Installing is idempotent (the installer records its own version).
/// </summary>
public static class HangfireStorage
{
    public const string Schema = "hangfire";

    /// <summary>The storage version Hangfire.PostgreSql 1.21.1 installs; a service refuses to start below it.</summary>
    public const int Version = 23;

    /// <summary>
    /// The storage options every process that opens Hangfire's storage starts from (Ops, <c>basec jobs</c>): our schema,
    /// and never an attempt at DDL.
    /// </summary>
    public static PostgreSqlStorageOptions Options() => new() { SchemaName = Schema, PrepareSchemaIfNecessary = false };

    /// <summary>Hangfire's connections from the process's own data source: one pool, not a second one Hangfire would open.</summary>
    public sealed class Connections(NpgsqlDataSource dataSource) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => dataSource.CreateConnection();
    }

    public static async Task InstallAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        // The installer is synchronous and opens its own transaction per script, on this connection.
        await Task.Run(() => PostgreSqlObjectsInstaller.Install(owner, Schema), ct);
        // Tables made before the schema's default privileges existed (none today) would otherwise stay out of reach.
        await using var grant = new NpgsqlCommand($"""
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Schema} TO {DatabaseRoles.App};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Schema} TO {DatabaseRoles.App};
            """, owner);
        await grant.ExecuteNonQueryAsync(ct);
    }
}
