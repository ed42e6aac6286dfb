using Npgsql;

namespace BaseCommerce.Testing;

/// <summary>
/// Where the tests find PostgreSQL and Redis. <c>./basec test</c> sets these variables; the defaults are the
/// ones <c>./basec up</c> uses, so <c>dotnet test</c> also works on a machine where the platform is up.
/// </summary>
public static class TestSettings
{
    public static string AdminConnection { get; } = Env("BASEC_TEST_PG_ADMIN",
        "Host=127.0.0.1;Port=5432;Username=postgres;Password=basec-admin-dev;Database=postgres");
    public static string OwnerPassword { get; } = Env("BASEC_TEST_PG_OWNER_PASSWORD", "basec-owner-dev");
    public static string AppPassword { get; } = Env("BASEC_TEST_PG_APP_PASSWORD", "basec-app-dev");
    public static string Redis { get; } = Env("BASEC_TEST_REDIS", "127.0.0.1:6379");

    /// <summary>The repository checkout the tests run from (migrations, nginx template).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>A key prefix of its own for one test's bus, so tests share one Redis side by side and clean up only their keys.</summary>
    public static string NewRedisPrefix() => "test:" + Guid.NewGuid().ToString("N")[..10] + ":";

    public static string ConnectionAs(string role, string password, string database, int? maxPoolSize = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnection) { Username = role, Password = password, Database = database };
        if (maxPoolSize is { } max) builder.MaxPoolSize = max;
        return builder.ConnectionString;
    }

    static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    static string FindRoot()
    {
        // basec sets BASEC_ROOT; a benchmark built outside the checkout finds the migrations through it.
        if (Environment.GetEnvironmentVariable("BASEC_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "BaseCommerce.sln")))
            return root;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BaseCommerce.sln")))
                return dir.FullName;
        throw new InvalidOperationException("BaseCommerce.sln not found above " + AppContext.BaseDirectory);
    }
}
