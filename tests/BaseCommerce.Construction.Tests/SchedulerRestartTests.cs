extern alias cli;
using BaseCommerce.Migrations;
using BaseCommerce.Testing;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.States;
using Hangfire.Storage;
using Npgsql;
using Shouldly;
using LocalSettings = cli::BaseCommerce.Cli.LocalSettings;
using PostgresServer = cli::BaseCommerce.Cli.Infra.PostgresServer;
using Repo = cli::BaseCommerce.Cli.Repo;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The PostgreSQL server itself restarted under a running Ops service: a private cluster (initdb, pg_ctl, on a port of
/// its own) so that no other test loses its database, with Ops as a child process, as it runs in production.
/// </summary>
public sealed class SchedulerRestartTests
{
    [Fact]
    public async Task AfterPostgreSqlRestarts_TheSchedulerRunsTheNextJobByItself()
    {
        var root = Directory.CreateTempSubdirectory("bc-pg-restart-");
        // The cluster belongs to the postgres system user, which must reach it.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(root.FullName, (UnixFileMode)0b111_101_101);
        var settings = LocalSettings.FromEnvironment() with { PostgresPort = LoopbackPorts.Free(), Database = "bc_restart" };
        var postgres = new PostgresServer(Repo.At(root.FullName), settings);
        await using var redis = await TestRedisServer.StartAsync();
        ChildService? ops = null;
        try
        {
            await postgres.EnsureStartedAsync();
            await postgres.WaitReadyAsync(TimeSpan.FromSeconds(60));
            await DatabaseBootstrapper.EnsureAsync(settings.AdminConnection(), settings.Database, settings.OwnerPassword, settings.AppPassword);
            await new SqlMigrator(settings.OwnerConnection).ApplyAsync(ServiceSchemas.FromRepository(TestSettings.RepositoryRoot));
            await using (var owner = new NpgsqlConnection(settings.OwnerConnection))
            {
                await owner.OpenAsync();
                await using var cmd = new NpgsqlCommand("INSERT INTO identity.tenants (slug, name, active) VALUES ('reinicio', 'Loja reinício', true)", owner);
                await cmd.ExecuteNonQueryAsync();
            }
            ops = await ChildService.StartAsync("BaseCommerce.Ops", settings.AppConnection("ops-restart"), redis.Configuration, "restart:",
                new Dictionary<string, string>
                {
                    ["Scheduler__QueuePollInterval"] = "00:00:01",
                    ["Scheduler__SchedulePollingInterval"] = "00:00:01",
                    ["Auth__Authority"] = "http://127.0.0.1:1/auth",
                    ["Auth__IssuerTemplate"] = "http://{slug}.localhost/auth",
                },
                // Liveness, not readiness: with the in-process Ops of SchedulerTests running beside it, this child's
                // /health/ready was seen not answering for 20 s to over 100 s (unexplained yet; /health/live answered in
                // milliseconds). What this test needs of Ops is its scheduler, which the next wait checks.
                health: "/health/live");

            await using var data = NpgsqlDataSource.Create(settings.AppConnection("restart-test") + ";Pooling=false");
            var storage = new PostgreSqlStorage(new HangfireStorage.Connections(data), HangfireStorage.Options());
            const string job = "pricing-refresh:reinicio";
            // A child process's start on a busy 2-core machine (the rest of the suite runs beside it) can take most of 30 s.
            // Removed, not Job: whether this process can load the job's type is not what is tested here.
            try
            {
                await UntilAsync(() => storage.GetConnection().GetRecurringJobs([job]).Any(j => !j.Removed), "Ops' start-up sync wrote the store's jobs",
                    TimeSpan.FromSeconds(90));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message} Ops said: {ops.Log()}", e);
            }

            await postgres.StopAsync();
            await postgres.EnsureStartedAsync();
            await postgres.WaitReadyAsync(TimeSpan.FromSeconds(60));

            // Nobody touches Ops: the run enqueued now is taken by its workers on their own once their connections recover.
            var run = new RecurringJobManager(storage).TriggerJob(job);
            // 150 s, not 90: under the full suite the run was seen to take longer than 90 s (2 of 6 CI runs, passing alone
            // every time). The cause is not found yet; Ops' log as it stands at the deadline goes into the failure.
            try
            {
                await UntilAsync(() => storage.GetMonitoringApi().JobDetails(run)?.History.Any(h => h.StateName == SucceededState.StateName) == true,
                    "the run after the restart succeeded", TimeSpan.FromSeconds(150));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message} Run {run}: {string.Join(", ", storage.GetMonitoringApi().JobDetails(run)?.History.Select(h => h.StateName) ?? [])}. Ops said: {ops.Log()}", e);
            }
            storage.GetMonitoringApi().JobDetails(run).History.First(h => h.StateName == SucceededState.StateName).Data["Result"]
                .ShouldContain("RefreshPricing publicado para a loja 'reinicio'");
            // The command left through Ops' outbox: its rows are deleted once delivered to the transport.
            await UntilAsync(async () =>
            {
                await using var owner = new NpgsqlConnection(settings.OwnerConnection);
                await owner.OpenAsync();
                await using var cmd = new NpgsqlCommand("SELECT count(*) FROM messaging.outbox_state", owner);
                return (long)(await cmd.ExecuteScalarAsync())! == 0;
            }, "Ops' outbox delivered the command");
        }
        finally
        {
            ops?.Dispose();
            await postgres.StopAsync();
            root.Delete(recursive: true);
        }
    }

    static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) => UntilAsync(() => Task.FromResult(condition()), what, timeout);

    static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (NpgsqlException e) when (e.IsTransient && DateTime.UtcNow < until)
            {
            }
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Not within the time allowed: {what}.");
            await Task.Delay(250);
        }
    }
}
