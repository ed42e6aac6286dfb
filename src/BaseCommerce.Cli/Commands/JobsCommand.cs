using BaseCommerce.Cli.Platform;
using BaseCommerce.Migrations;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Npgsql;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec jobs list|trigger|pause|resume</c>: the operators' dashboard from the terminal, on Hangfire's storage directly.
/// A triggered job is enqueued here and run by the Ops service (within its queue poll interval, 15 s); a paused job leaves
/// the schedule until resumed (the Ops schedule sync honours <c>ops.paused_jobs</c>, and runs at once after a resume).
/// </summary>
internal static class JobsCommand
{
    const string SyncJob = BaseCommerce.Scheduling.IScheduleSync.JobId;

    public static Task<int> ListAsync(LocalSettings settings) => WithStorageAsync(settings, async (storage, data) =>
    {
        var paused = await PausedAsync(data);
        using var connection = storage.GetConnection();
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Job", "Cron", "Time zone", "Next run (UTC)", "Last run (UTC)", "Last state");
        foreach (var job in connection.GetRecurringJobs().OrderBy(j => j.Id, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(job.Id), job.Cron, job.TimeZoneId ?? "UTC", Time(job.NextExecution), Time(job.LastExecution),
                Markup.Escape(job.Error is { Length: > 0 } error ? $"{job.LastJobState} ({error})" : job.LastJobState ?? "—"));
        foreach (var id in paused.Order(StringComparer.Ordinal))
            table.AddRow(Markup.Escape(id), "—", "—", "[yellow]pausado[/]", "—", "—");
        AnsiConsole.Write(table);
        return 0;
    });

    public static Task<int> TriggerAsync(LocalSettings settings, string jobId) => WithStorageAsync(settings, async (storage, data) =>
    {
        using (var connection = storage.GetConnection())
            if (!connection.GetRecurringJobs([jobId]).Any(j => !j.Removed))
                throw new CliException(await PausedAsync(data) is var paused && paused.Contains(jobId)
                    ? $"The job '{jobId}' is paused: basec jobs resume {jobId}."
                    : $"No recurring job '{jobId}' (see: basec jobs list).");
        var id = new RecurringJobManager(storage).TriggerJob(jobId);
        AnsiConsole.MarkupLineInterpolated($"[green]{jobId}[/]: enqueued as job {id}; the Ops service runs it within its queue poll interval (15 s).");
        return 0;
    });

    public static Task<int> PauseAsync(LocalSettings settings, string jobId) => WithStorageAsync(settings, async (storage, data) =>
    {
        if (jobId == SyncJob)
            throw new CliException($"The job '{SyncJob}' cannot be paused: it keeps every other job on the schedule.");
        await using (var cmd = data.CreateCommand("INSERT INTO ops.paused_jobs (job_id, paused_by) VALUES ($1, 'basec') ON CONFLICT DO NOTHING"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
            await cmd.ExecuteNonQueryAsync();
        }
        new RecurringJobManager(storage).RemoveIfExists(jobId);
        AnsiConsole.MarkupLineInterpolated($"[yellow]{jobId}[/]: paused; it leaves the schedule until basec jobs resume {jobId}.");
        return 0;
    });

    public static Task<int> ResumeAsync(LocalSettings settings, string jobId) => WithStorageAsync(settings, async (storage, data) =>
    {
        await using (var cmd = data.CreateCommand("DELETE FROM ops.paused_jobs WHERE job_id = $1"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
            if (await cmd.ExecuteNonQueryAsync() == 0)
                throw new CliException($"The job '{jobId}' is not paused.");
        }
        new RecurringJobManager(storage).TriggerJob(SyncJob);
        AnsiConsole.MarkupLineInterpolated($"[green]{jobId}[/]: resumed; the schedule sync puts it back within 15 s.");
        return 0;
    });

    static async Task<int> WithStorageAsync(LocalSettings settings, Func<JobStorage, NpgsqlDataSource, Task<int>> run)
    {
        await using var data = NpgsqlDataSource.Create(settings.AppConnection("basec-jobs"));
        var storage = new PostgreSqlStorage(new HangfireStorage.Connections(data), HangfireStorage.Options());
        return await run(storage, data);
    }

    static async Task<HashSet<string>> PausedAsync(NpgsqlDataSource data)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = data.CreateCommand("SELECT job_id FROM ops.paused_jobs");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetString(0));
        return ids;
    }

    static string Time(DateTime? at) => at is { } t ? t.ToString("yyyy-MM-dd HH:mm") : "—";
}
