using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Cli.Infra;
using BaseCommerce.Cli.Platform;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec up</c>: PostgreSQL and Redis, migrations, demo seed, every service, nginx; waits until all are healthy.
/// Idempotent: what already runs is left alone. On failure it stops what it started and exits non-zero.
/// </summary>
internal static class UpCommand
{
    public static async Task<int> RunAsync(Repo repo, LocalSettings settings)
    {
        var infrastructure = new Infrastructure(repo, settings);
        var database = new Database(repo, settings);
        var nginx = NginxServer.ForPlatform(repo);
        var processes = PlatformService.All.Select(s => new ServiceProcess(repo, settings, s)).ToList();
        var startedInfra = new List<string>();
        var startedServices = new List<ServiceProcess>();
        var startedNginx = false;

        // A port squatted by another program is the commonest failure: say so before starting anything.
        foreach (var process in processes.Where(p => p.Pid is null && Ports.InUse(p.Service.Port)))
            throw Ports.Taken(process.Service.Port, process.Service.Name);

        try
        {
            await AnsiConsole.Status().StartAsync("Starting BaseCommerce…", async ctx =>
            {
                startedInfra.AddRange(await infrastructure.EnsureAsync(what => ctx.Status($"Starting {what}…")));
                ctx.Status("Applying migrations…");
                await database.BootstrapAsync();
                var applied = await database.MigrateAsync();
                foreach (var (schema, script) in applied)
                    AnsiConsole.MarkupLineInterpolated($"  [grey]migrated[/] {schema}/{script.Version:D4}_{script.Name}");
                ctx.Status("Seeding demo data…");
                await database.SeedDemoAsync();

                var toStart = processes.Where(p => p.Pid is null).ToList();
                if (toStart.Count > 0)
                {
                    if (toStart.Count == processes.Count || processes.Any(p => !File.Exists(p.Service.Assembly(repo))))
                    {
                        ctx.Status("Building services…");
                        await Build.ServicesAsync(repo);
                    }
                    foreach (var process in toStart)
                    {
                        ctx.Status($"Starting {process.Service.Name}…");
                        process.Start();
                        startedServices.Add(process);
                    }
                }

                ctx.Status("Starting nginx…");
                await NginxServer.EnsureInstalledAsync();
                var construction = PlatformService.Get("construction");
                nginx.Render($"127.0.0.1:{settings.HttpPort}", construction.Port, PlatformService.Get("identity").Port, PlatformService.Get("ops").Port);
                startedNginx = await nginx.StartOrReloadAsync(settings.HttpPort);
            });

            await AnsiConsole.Status().StartAsync("Waiting for every service to be healthy…", async ctx =>
            {
                var pending = processes.Select(p => p.Service.Name).ToHashSet();
                await Task.WhenAll(processes.Select(async p =>
                {
                    await p.WaitHealthyAsync(TimeSpan.FromSeconds(120));
                    lock (pending)
                    {
                        pending.Remove(p.Service.Name);
                        AnsiConsole.MarkupLineInterpolated($"  [green]healthy[/] {p.Service.Name} :{p.Service.Port}");
                        ctx.Status(pending.Count > 0 ? $"Waiting for {string.Join(", ", pending)}…" : "All healthy.");
                    }
                }));
            });

            await EdgeCheck.ThroughNginxAsync(settings.HttpPort, "demo.localhost", "/health/ready");
            await AnsiConsole.Status().StartAsync("Seeding the demo catalogue…", _ => DemoCatalog.SeedAsync(settings.HttpPort));
        }
        catch (CliException)
        {
            await AnsiConsole.Status().StartAsync("Stopping what this run started…", async _ =>
            {
                foreach (var p in startedServices) await p.StopAsync();
                if (startedNginx) await nginx.StopAsync();
                if (startedInfra.Count > 0) await infrastructure.StopAsync(startedInfra);
            });
            throw;
        }

        PrintSummary(settings);
        return 0;
    }

    static void PrintSummary(LocalSettings settings)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("What", "Where");
        table.AddRow("Store 'demo' (web, API)", $"http://demo.localhost:{settings.HttpPort}/");
        table.AddRow("Store 'acme'", $"http://acme.localhost:{settings.HttpPort}/");
        table.AddRow("Identity", $"http://demo.localhost:{settings.HttpPort}/auth/");
        table.AddRow("Ops", $"http://localhost:{settings.HttpPort}/ops/health/ready");
        table.AddRow("Scheduled jobs (operators)", $"http://localhost:{settings.HttpPort}/ops/hangfire → plataforma.localhost");
        table.AddRow("Health (through nginx)", $"http://demo.localhost:{settings.HttpPort}/health/ready");
        table.AddRow("PostgreSQL", $"127.0.0.1:{settings.PostgresPort} (database {settings.Database})");
        table.AddRow("Redis", settings.RedisConfiguration);
        table.AddRow("Logs", ".basec/logs/<service>.log  (basec logs <service>)");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[green]BaseCommerce is up.[/] Demo stores: [bold]demo[/] and [bold]acme[/]. " +
                               "Sign in at http://demo.localhost:" + settings.HttpPort + "/auth/login as admin@demo.local / Demo@12345 (see README, \"Demo data\").");
        AnsiConsole.MarkupLine($"Operators: http://plataforma.localhost:{settings.HttpPort}/ops/hangfire as " +
                               $"{DemoSeed.Platform.AdminEmail} / {DemoSeed.Platform.AdminPassword} (operador-admin).");
    }
}
