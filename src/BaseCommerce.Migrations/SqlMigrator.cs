using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BaseCommerce.Migrations;

/// <summary>
/// Applies versioned SQL files, one transaction per file, recording each in <c>{schema}.schema_migrations</c>.
/// Runs as the owner role. A cluster-wide advisory lock serialises concurrent migrators
/// (several replicas starting at once, or <c>basec migrate</c> beside a starting service).
/// </summary>
public sealed class SqlMigrator(string ownerConnectionString, ILogger? logger = null)
{
    // Any stable 64-bit number works; it only has to be the same for every migrator of this database.
    const long AdvisoryLockKey = 0x42_43_4D_49_47_52_41_54; // "BCMIGRAT"

    readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Steps written in code that follow a schema's scripts on every run, under the same lock; each is idempotent.</summary>
    static readonly Dictionary<string, Func<NpgsqlConnection, CancellationToken, Task>> AfterScripts = new()
    {
        ["ops"] = HangfireStorage.InstallAsync,
    };

    /// <summary>Applies what is pending for each service, in the order given. Returns the scripts applied.</summary>
    public async Task<IReadOnlyList<(string Schema, MigrationScript Script)>> ApplyAsync(
        IEnumerable<ServiceMigrations> services, CancellationToken ct = default)
    {
        var applied = new List<(string, MigrationScript)>();
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", ct);
        try
        {
            foreach (var service in services)
            {
                foreach (var script in await PendingAsync(connection, service, ct))
                {
                    await ApplyOneAsync(connection, service.Schema, script, ct);
                    applied.Add((service.Schema, script));
                }
                if (AfterScripts.TryGetValue(service.Schema, out var step))
                    await step(connection, ct);
            }
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
        return applied;
    }

    /// <summary>What each service has applied and what is pending, without changing anything.</summary>
    public async Task<IReadOnlyList<MigrationStatus>> StatusAsync(IEnumerable<ServiceMigrations> services, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        var result = new List<MigrationStatus>();
        foreach (var service in services)
        {
            var scripts = service.Scripts;
            var history = await HistoryAsync(connection, service.Schema, ct);
            result.AddRange(scripts.Select(s => new MigrationStatus(service.Schema, s.Version, s.Name, history.ContainsKey(s.Version))));
        }
        return result;
    }

    async Task<IReadOnlyList<MigrationScript>> PendingAsync(NpgsqlConnection connection, ServiceMigrations service, CancellationToken ct)
    {
        var scripts = service.Scripts;
        await Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {Quote(service.Schema)};
            CREATE TABLE IF NOT EXISTS {Quote(service.Schema)}.schema_migrations (
                version    integer PRIMARY KEY,
                name       text        NOT NULL,
                checksum   text        NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now());
            """, ct);

        var history = await HistoryAsync(connection, service.Schema, ct);
        foreach (var (version, checksum) in history)
        {
            var script = scripts.FirstOrDefault(s => s.Version == version);
            if (script is null)
                throw new MigrationException($"{service.Schema}: version {version} is applied in the database but its file is missing from {service.Origin}");
            if (script.Checksum != checksum)
                throw new MigrationException($"{service.Schema}: {version:D4}_{script.Name}.sql was changed after it was applied; add a new migration instead of editing an applied one");
        }
        return scripts.Where(s => !history.ContainsKey(s.Version)).ToList();
    }

    async Task ApplyOneAsync(NpgsqlConnection connection, string schema, MigrationScript script, CancellationToken ct)
    {
        _logger.LogInformation("Applying migration {Schema}/{Version:D4}_{Name}", schema, script.Version, script.Name);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            // search_path makes unqualified names land in the service's own schema.
            await using (var cmd = new NpgsqlCommand($"SET LOCAL search_path TO {Quote(schema)}, public;\n{script.Sql}", connection, tx))
                await cmd.ExecuteNonQueryAsync(ct);
            await using (var record = new NpgsqlCommand(
                $"INSERT INTO {Quote(schema)}.schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", connection, tx))
            {
                record.Parameters.AddWithValue("v", script.Version);
                record.Parameters.AddWithValue("n", script.Name);
                record.Parameters.AddWithValue("c", script.Checksum);
                await record.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"{schema}/{script.Version:D4}_{script.Name}.sql failed: {e.MessageText}", e);
        }
    }

    static async Task<Dictionary<int, string>> HistoryAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var history = new Dictionary<int, string>();
        await using var exists = new NpgsqlCommand("SELECT to_regclass(@t) IS NOT NULL", connection);
        exists.Parameters.AddWithValue("t", $"{schema}.schema_migrations");
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
            return history;
        await using var cmd = new NpgsqlCommand($"SELECT version, checksum FROM {Quote(schema)}.schema_migrations", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            history[reader.GetInt32(0)] = reader.GetString(1);
        return history;
    }

    static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}

public sealed record MigrationStatus(string Schema, int Version, string Name, bool Applied);
