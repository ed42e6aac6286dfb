using BaseCommerce.Cli.Infra;

namespace BaseCommerce.Cli.Platform;

/// <summary>PostgreSQL and Redis for the platform and the tests: Docker when an engine answers, Debian's packages otherwise.</summary>
internal sealed class Infrastructure(Repo repo, LocalSettings settings)
{
    public PostgresServer Postgres { get; } = new(repo, settings);
    public RedisServer Redis { get; } = new(repo, settings);

    /// <summary>Makes sure both run. Returns what this call started, so a failed <c>up</c> can stop exactly that.</summary>
    public async Task<IReadOnlyList<string>> EnsureAsync(Action<string> report)
    {
        var started = new List<string>();
        if (await DockerEngine.AnswersAsync())
        {
            report("docker compose: postgres, redis");
            await DockerEngine.ComposeUpAsync(repo, "postgres", "redis");
        }
        else
        {
            report("PostgreSQL");
            if (await Postgres.EnsureStartedAsync()) started.Add("postgres");
            report("Redis");
            if (await Redis.EnsureStartedAsync()) started.Add("redis");
        }
        await Postgres.WaitReadyAsync(TimeSpan.FromSeconds(30));
        return started;
    }

    public async Task StopAsync(IEnumerable<string>? only = null)
    {
        var which = only?.ToHashSet() ?? ["postgres", "redis"];
        if (await DockerEngine.AnswersAsync())
        {
            await DockerEngine.ComposeStopAsync(repo, [.. which]);
            return;
        }
        if (which.Contains("redis")) await Redis.StopAsync();
        if (which.Contains("postgres")) await Postgres.StopAsync();
    }
}
