namespace BaseCommerce.Cli.Infra;

/// <summary>
/// When a Docker engine answers, PostgreSQL and Redis run from <c>docker-compose.yml</c> instead of Debian's packages.
/// The docker CLI alone is not enough: <c>docker info</c> must reach a daemon.
/// </summary>
internal static class DockerEngine
{
    public static async Task<bool> AnswersAsync() =>
        Shell.Exists("docker") && (await Shell.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromSeconds(10))).Ok;

    public static async Task ComposeUpAsync(Repo repo, params string[] services)
    {
        var result = await Shell.RunAsync("docker", ["compose", "-f", Path.Combine(repo.Root, "docker-compose.yml"), "up", "-d", "--wait", .. services],
            TimeSpan.FromMinutes(10), workingDirectory: repo.Root);
        if (!result.Ok)
            throw new CliException($"docker compose up {string.Join(' ', services)} failed:\n{Shell.Tail(result.Output)}");
    }

    public static Task ComposeStopAsync(Repo repo, params string[] services) =>
        Shell.RunAsync("docker", ["compose", "-f", Path.Combine(repo.Root, "docker-compose.yml"), "stop", .. services],
            TimeSpan.FromMinutes(2), workingDirectory: repo.Root);
}
