using System.Text.Json;
using BaseCommerce.Cli.Infra;
using BaseCommerce.Cli.Platform;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary><c>basec status</c>: each service's health and version, plus PostgreSQL, Redis and nginx.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(Repo repo, LocalSettings settings)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Component", "Port", "PID", "State", "Version", "Detail");
        var infra = new Infrastructure(repo, settings);
        table.AddRow("postgres", settings.PostgresPort.ToString(), "", State(await infra.Postgres.IsRunningAsync()), "", "");
        table.AddRow("redis", settings.RedisPort.ToString(), "", State(await infra.Redis.IsRunningAsync()), "", "");
        var nginx = NginxServer.ForPlatform(repo);
        table.AddRow("nginx", settings.HttpPort.ToString(), nginx.RunningPid?.ToString() ?? "", State(nginx.RunningPid is not null), "", "");

        var allHealthy = true;
        foreach (var service in PlatformService.All)
        {
            var process = new ServiceProcess(repo, settings, service);
            var health = await process.HealthAsync();
            var (state, version, detail) = Describe(health);
            allHealthy &= health is { Ok: true };
            table.AddRow(service.Name, service.Port.ToString(), process.Pid?.ToString() ?? "", state, version, detail);
        }
        AnsiConsole.Write(table);
        return allHealthy ? 0 : 1;
    }

    static string State(bool running) => running ? "[green]running[/]" : "[grey]stopped[/]";

    static (string State, string Version, string Detail) Describe((bool Ok, string Body)? health)
    {
        if (health is null)
            return ("[grey]stopped[/]", "", "");
        try
        {
            using var json = JsonDocument.Parse(health.Value.Body);
            var root = json.RootElement;
            var version = root.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "";
            var failing = root.TryGetProperty("checks", out var checks)
                ? string.Join(", ", checks.EnumerateObject().Where(c => c.Value.GetProperty("status").GetString() != "Healthy").Select(c => c.Name))
                : "";
            return (health.Value.Ok ? "[green]healthy[/]" : "[red]unhealthy[/]", Markup.Escape(version),
                failing.Length > 0 ? Markup.Escape("failing: " + failing) : "");
        }
        catch (JsonException)
        {
            return (health.Value.Ok ? "[green]healthy[/]" : "[red]unhealthy[/]", "", "");
        }
    }
}
