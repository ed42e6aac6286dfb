using BaseCommerce.Cli.Infra;
using BaseCommerce.Cli.Platform;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary><c>basec down</c>: stops nginx, every service (SIGTERM, then SIGKILL after a grace period), Redis and PostgreSQL.</summary>
internal static class DownCommand
{
    public static async Task<int> RunAsync(Repo repo, LocalSettings settings)
    {
        await AnsiConsole.Status().StartAsync("Stopping BaseCommerce…", async ctx =>
        {
            ctx.Status("Stopping nginx…");
            await NginxServer.ForPlatform(repo).StopAsync();
            await Task.WhenAll(PlatformService.All.Select(async s =>
            {
                await new ServiceProcess(repo, settings, s).StopAsync();
            }));
            ctx.Status("Stopping Redis and PostgreSQL…");
            await new Infrastructure(repo, settings).StopAsync();
        });
        AnsiConsole.MarkupLine("[green]BaseCommerce is down.[/] Data stays in .basec/ for the next 'basec up'.");
        return 0;
    }
}
