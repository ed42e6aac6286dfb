using Npgsql;

namespace BaseCommerce.Migrations;

/// <summary>
/// Creates the roles and the database as a superuser, idempotently. In production a DBA runs the same
/// statements once; locally <c>basec up</c>/<c>basec test</c> and the test fixtures call this.
/// </summary>
public static class DatabaseBootstrapper
{
    public static async Task EnsureAsync(string adminConnectionString, string database, string ownerPassword, string appPassword,
        CancellationToken ct = default)
    {
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync(ct);
            await EnsureRole(admin, DatabaseRoles.Owner, ownerPassword, "NOSUPERUSER NOCREATEROLE NOBYPASSRLS NOCREATEDB", ct);
            await EnsureRole(admin, DatabaseRoles.App, appPassword, "NOSUPERUSER NOCREATEROLE NOBYPASSRLS NOCREATEDB", ct);
            if (!await Exists(admin, "SELECT 1 FROM pg_database WHERE datname = @n", database, ct))
                await Exec(admin, $"CREATE DATABASE {Quote(database)} OWNER {DatabaseRoles.Owner} ENCODING 'UTF8' TEMPLATE template0", ct);
        }

        var inDatabase = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, Pooling = false };
        await using var db = new NpgsqlConnection(inDatabase.ConnectionString);
        await db.OpenAsync(ct);
        // Only the owner creates objects; the app role may connect and use what it is granted, nothing else.
        await Exec(db, $"""
            REVOKE ALL ON DATABASE {Quote(database)} FROM PUBLIC;
            GRANT CONNECT, TEMPORARY ON DATABASE {Quote(database)} TO {DatabaseRoles.App};
            GRANT ALL ON DATABASE {Quote(database)} TO {DatabaseRoles.Owner};
            REVOKE CREATE ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO {DatabaseRoles.App};
            """, ct);
    }

    /// <summary>Drops a database (tests use throwaway databases), ending its sessions first.</summary>
    public static async Task DropAsync(string adminConnectionString, string database, CancellationToken ct = default)
    {
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync(ct);
        await Exec(admin, $"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", ct);
    }

    static async Task EnsureRole(NpgsqlConnection admin, string role, string password, string attributes, CancellationToken ct)
    {
        var verb = await Exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = @n", role, ct) ? "ALTER" : "CREATE";
        // Passwords cannot be bound as parameters in DDL; format(%L) quotes them safely server-side.
        await using var build = new NpgsqlCommand($"SELECT format('{verb} ROLE %I LOGIN {attributes} PASSWORD %L', @r, @p)", admin);
        build.Parameters.AddWithValue("r", role);
        build.Parameters.AddWithValue("p", password);
        var ddl = (string)(await build.ExecuteScalarAsync(ct))!;
        await Exec(admin, ddl, ct);
    }

    static async Task<bool> Exists(NpgsqlConnection c, string sql, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("n", name);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }

    static async Task Exec(NpgsqlConnection c, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
