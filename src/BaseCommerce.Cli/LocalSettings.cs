using BaseCommerce.Migrations;
using Npgsql;

namespace BaseCommerce.Cli;

/// <summary>
/// Ports and development credentials of the local platform. Each can be overridden by an environment
/// variable (BASEC_PG_PORT, BASEC_REDIS_PORT, BASEC_HTTP_PORT, BASEC_PG_ADMIN_PASSWORD, …).
/// These passwords protect a loopback-only development database; production takes its own from the environment.
/// </summary>
internal sealed record LocalSettings(int PostgresPort, int RedisPort, int HttpPort,
    string AdminPassword, string OwnerPassword, string AppPassword, string Database)
{
    public static LocalSettings FromEnvironment() => new(
        Int("BASEC_PG_PORT", 5432), Int("BASEC_REDIS_PORT", 6379), Int("BASEC_HTTP_PORT", 8080),
        Str("BASEC_PG_ADMIN_PASSWORD", "basec-admin-dev"), Str("BASEC_PG_OWNER_PASSWORD", "basec-owner-dev"),
        Str("BASEC_PG_APP_PASSWORD", "basec-app-dev"), Str("BASEC_PG_DATABASE", "basecommerce"));

    public string AdminConnection(string database = "postgres") => Connection("postgres", AdminPassword, database);
    public string OwnerConnection => Connection(DatabaseRoles.Owner, OwnerPassword, Database);
    public string AppConnection(string applicationName) => Connection(DatabaseRoles.App, AppPassword, Database, applicationName);
    public string RedisConfiguration => $"127.0.0.1:{RedisPort}";

    string Connection(string user, string password, string database, string applicationName = "basec") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = PostgresPort, Username = user, Password = password, Database = database,
            ApplicationName = applicationName,
        }.ConnectionString;

    static int Int(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    static string Str(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;
}
