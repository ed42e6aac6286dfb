using System.Diagnostics;
using BaseCommerce.Cli.Infra;
using BaseCommerce.Cli.Platform;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec bench transport|outbox|engines|revocation</c>: builds the benchmarks in Release and runs one, against the PostgreSQL of the
/// tests and private Redis (and RabbitMQ) servers it starts itself. Each prints its baselines, measured in the same run,
/// and the ratios: these machines are shared and noisy, so an absolute number alone means little.
/// </summary>
internal static class BenchCommand
{
    public static readonly string[] Benchmarks = ["transport", "outbox", "engines", "revocation"];

    public static async Task<int> RunAsync(Repo repo, LocalSettings settings, string which, int messages)
    {
        if (!Benchmarks.Contains(which))
            throw new CliException($"unknown benchmark '{which}': choose {string.Join(" or ", Benchmarks)}.");

        var bench = Path.Combine(repo.State, "bench");
        var rabbitBench = Path.Combine(repo.State, "bench-rabbitmq");
        await AnsiConsole.Status().StartAsync("Preparing PostgreSQL and Redis…", async ctx =>
        {
            await new Infrastructure(repo, settings).EnsureAsync(what => ctx.Status($"Starting {what}…"));
            await new Database(repo, settings).BootstrapAsync();
            if (which == "transport")
                await EnsureRabbitMqAsync(ctx);
            ctx.Status("Building the benchmarks (Release)…");
            await Build.TestProjectAsync(repo, "BaseCommerce.Benchmarks", bench);
            if (which == "transport")
                await Build.TestProjectAsync(repo, "BaseCommerce.Benchmarks.RabbitMq", rabbitBench);
        });

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repo.Root };
        psi.ArgumentList.Add(Path.Combine(bench, "BaseCommerce.Benchmarks.dll"));
        psi.ArgumentList.Add(which);
        if (messages > 0)
        {
            psi.ArgumentList.Add("--messages");
            psi.ArgumentList.Add(messages.ToString());
        }
        foreach (var (key, value) in TestCommand.TestEnvironment(settings)) psi.Environment[key] = value;
        psi.Environment["BASEC_ROOT"] = repo.Root;
        psi.Environment["BASEC_BENCH_RABBITMQ"] = Path.Combine(rabbitBench, "BaseCommerce.Benchmarks.RabbitMq.dll");
        using var process = Process.Start(psi)!;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Baseline (d) needs Debian's rabbitmq-server; without it the benchmark runs and says (d) was skipped.</summary>
    static async Task EnsureRabbitMqAsync(StatusContext ctx)
    {
        if (File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
            return;
        ctx.Status("Installing rabbitmq-server (baseline d)…");
        try
        {
            await Apt.InstallAsync("rabbitmq-server");
        }
        catch (CliException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]rabbitmq-server could not be installed, so baseline (d) is skipped: {e.Message}[/]");
        }
    }
}
