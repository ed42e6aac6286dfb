using System.Diagnostics;
using System.Xml.Linq;
using BaseCommerce.Cli.Infra;
using BaseCommerce.Cli.Platform;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec test</c>: makes sure PostgreSQL, Redis, nginx and Chromium are available, runs every test project of the
/// solution against them, and ends with the line <c>N passed, N failed</c>.
/// Tests create their own throwaway databases; the platform's 'basecommerce' database is not touched.
/// </summary>
internal static class TestCommand
{
    public static async Task<int> RunAsync(Repo repo, LocalSettings settings, string? filter)
    {
        await AnsiConsole.Status().StartAsync("Preparing PostgreSQL, Redis and nginx for the tests…", async ctx =>
        {
            await new Infrastructure(repo, settings).EnsureAsync(what => ctx.Status($"Starting {what}…"));
            await new Database(repo, settings).BootstrapAsync();
            ctx.Status("Installing nginx (edge tests)…");
            await NginxServer.EnsureInstalledAsync();
            ctx.Status("Installing Chromium (browser tests)…");
            await Chromium.EnsureInstalledAsync();
        });

        var results = Path.Combine(repo.State, "test-results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss"));
        var args = new List<string>
        {
            "test", Path.Combine(repo.Root, "BaseCommerce.sln"), "--nologo",
            "--logger", "trx", "--logger", "console;verbosity=normal", "--results-directory", results,
            "--blame-hang-timeout", "10m",
        };
        if (filter is not null) args.AddRange(["--filter", filter]);
        // One test assembly at a time: the transport's timing tests (sub-second claim locks) must not share two cores
        // with a headless Chromium or another assembly's hosts, or they fail for the machine's sake, not the code's.
        args.AddRange(["--", "RunConfiguration.MaxCpuCount=1"]);

        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = repo.Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (key, value) in TestEnvironment(settings)) psi.Environment[key] = value;
        using var process = Process.Start(psi)!;
        await process.WaitForExitAsync();

        var (passed, failed, skipped) = Count(results);
        // A build failure produces no results: count it as a failure so the summary never reads green.
        if (process.ExitCode != 0 && failed == 0) failed = 1;
        Console.WriteLine(skipped > 0 ? $"{passed} passed, {failed} failed, {skipped} skipped" : $"{passed} passed, {failed} failed");
        return process.ExitCode != 0 || failed > 0 ? 1 : 0;
    }

    /// <summary>What the test fixtures read (tests/BaseCommerce.Testing/TestSettings.cs).</summary>
    internal static Dictionary<string, string> TestEnvironment(LocalSettings settings) => new()
    {
        ["BASEC_TEST_PG_ADMIN"] = settings.AdminConnection(),
        ["BASEC_TEST_PG_OWNER_PASSWORD"] = settings.OwnerPassword,
        ["BASEC_TEST_PG_APP_PASSWORD"] = settings.AppPassword,
        ["BASEC_TEST_REDIS"] = settings.RedisConfiguration,
        ["BASEC_ROOT"] = Directory.GetCurrentDirectory(),
    };

    static (int Passed, int Failed, int Skipped) Count(string resultsDirectory)
    {
        if (!Directory.Exists(resultsDirectory))
            return (0, 0, 0);
        int passed = 0, failed = 0, skipped = 0;
        foreach (var trx in Directory.EnumerateFiles(resultsDirectory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(trx).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null) continue;
            passed += Attr(counters, "passed");
            failed += Attr(counters, "failed") + Attr(counters, "error") + Attr(counters, "timeout") + Attr(counters, "aborted");
            skipped += Attr(counters, "notExecuted");
        }
        return (passed, failed, skipped);
    }

    static int Attr(XElement e, string name) => int.TryParse(e.Attribute(name)?.Value, out var v) ? v : 0;
}
