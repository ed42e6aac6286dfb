using BaseCommerce.Migrations;
using BaseCommerce.Ops.Jobs;
using BaseCommerce.Scheduling;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BaseCommerce.Ops;

/// <summary>The scheduler's settings (<c>Scheduler:*</c>).</summary>
public sealed class SchedulerOptions
{
    /// <summary>Whether this replica runs jobs (false: it serves the dashboard only).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Jobs at once: a job only publishes a command, so two keep up with thousands of stores.</summary>
    public int Workers { get; set; } = 2;

    /// <summary>How often an idle worker looks for a job enqueued by another process (one in this process wakes it at once).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often due recurring jobs are enqueued: at most this late after their cron minute.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the schedule sync runs (cron); a new store gets its jobs within this.</summary>
    public string SyncCron { get; set; } = "*/5 * * * *";

    /// <summary>
    /// How long an inbox row is kept after its consumer's messages went out: a copy of the message redelivered within it is
    /// dropped, a later one is consumed again. Far longer than a stream entry can wait for redelivery (its lock, 60 s).
    /// </summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromMinutes(30);
}

public static class SchedulerRegistration
{
    /// <summary>Hangfire on the shared PostgreSQL (schema <c>hangfire</c>, installed by the migrator), its server and the jobs.</summary>
    public static WebApplicationBuilder AddScheduler(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Scheduler").Get<SchedulerOptions>() ?? new SchedulerOptions();
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new JobMetrics())
            .UseDashboardStylesheet(typeof(SchedulerRegistration).Assembly, "BaseCommerce.Ops.Dashboard.dashboard.css")
            .UsePostgreSqlStorage(o => o.UseConnectionFactory(new HangfireStorage.Connections(sp.GetRequiredService<NpgsqlDataSource>())),
                Storage(options)));
        if (options.RunServer)
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"ops:{Environment.MachineName}:{Environment.ProcessId}";
                o.WorkerCount = options.Workers;
                o.Queues = [StoreJobKind.Queue, "default"];
                o.SchedulePollingInterval = options.SchedulePollingInterval;
            });
        services.AddSingleton<PausedJobs>();
        // Recurring jobs name the interfaces (so that the CLI can create their runs); runs queued earlier name the classes.
        services.AddScoped<StoreJobs>();
        services.AddScoped<IStoreJobs>(sp => sp.GetRequiredService<StoreJobs>());
        services.AddScoped<ScheduleSync>();
        services.AddScoped<IScheduleSync>(sp => sp.GetRequiredService<ScheduleSync>());
        services.AddScoped<MessagingCleanup>();
        services.AddScoped<IMessagingCleanup>(sp => sp.GetRequiredService<MessagingCleanup>());
        services.AddHostedService<ScheduleStartup>();
        services.AddHealthChecks().AddCheck<HangfireStorageCheck>("hangfire", tags: ["ready"]);
        return builder;
    }

    static PostgreSqlStorageOptions Storage(SchedulerOptions options)
    {
        // The service role cannot create objects; the migrator installs the schema as the owner.
        var storage = HangfireStorage.Options();
        storage.QueuePollInterval = options.QueuePollInterval;
        // A job's row stays invisible to other workers while its worker lives (heartbeat), and comes back 5 minutes
        // after that worker died, instead of 30.
        storage.UseSlidingInvisibilityTimeout = true;
        storage.InvisibilityTimeout = TimeSpan.FromMinutes(5);
        return storage;
    }
}

/// <summary>
/// At start: the platform's recurring sync, and one sync now, so new stores and kinds (and the platform's clean-up job) are
/// scheduled without waiting.
/// </summary>
sealed class ScheduleStartup(IRecurringJobManagerV2 recurring, IBackgroundJobClientV2 jobs, SchedulerOptions options, JobStorage storage, TimeProvider clock)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        JobMetrics.ObserveLag(() => storage, clock);
        recurring.AddOrUpdate<IScheduleSync>(ScheduleSync.JobId, "default", s => s.RunAsync(CancellationToken.None), options.SyncCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        jobs.Enqueue<IScheduleSync>("default", s => s.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Ready only when the migrator installed Hangfire's schema at the version this build expects.</summary>
sealed class HangfireStorageCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var cmd = dataSource.CreateCommand($"SELECT max(version) FROM {HangfireStorage.Schema}.\"schema\"");
            var version = await cmd.ExecuteScalarAsync(cancellationToken) as int?;
            return version >= HangfireStorage.Version
                ? HealthCheckResult.Healthy($"hangfire schema v{version}")
                : HealthCheckResult.Unhealthy($"hangfire schema v{version?.ToString() ?? "none"} < v{HangfireStorage.Version}: run ./basec migrate");
        }
        catch (PostgresException e)
        {
            return HealthCheckResult.Unhealthy($"hangfire schema missing: run ./basec migrate ({e.MessageText})");
        }
    }
}
