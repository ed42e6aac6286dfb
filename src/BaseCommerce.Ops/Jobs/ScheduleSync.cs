using BaseCommerce.Authentication;
using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// Keeps Hangfire's recurring jobs in line with <c>identity.tenants</c>: every active store (but the operators' own) has
/// one job per <see cref="StoreJobKind"/>, cron in the store's time zone; a disabled, deleted or paused one has none.
/// Runs at Ops' start and as the platform job <see cref="JobId"/> every five minutes. Writes only what differs, since each
/// <c>AddOrUpdate</c> takes a lock and reads a hash.
/// </summary>
public sealed class ScheduleSync(NpgsqlDataSource dataSource, JobStorage storage, IRecurringJobManagerV2 jobs, PausedJobs paused, ILogger<ScheduleSync> logger)
{
    public const string JobId = "platform:schedule-sync";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution("platform:schedule-sync", 60)]
    public async Task<string> RunAsync(CancellationToken ct)
    {
        var stores = await StoresAsync(ct);
        var pausedIds = await paused.AllAsync(ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(StoreJobKind.DefaultTimeZone);
        var wanted = stores
            .SelectMany(s => StoreJobKind.All.Select(k => (JobId: k.JobId(s.Slug), Kind: k, TenantId: s.Id)))
            .Where(j => !pausedIds.Contains(j.JobId))
            .ToDictionary(j => j.JobId);

        using var connection = storage.GetConnection();
        var existing = connection.GetRecurringJobs().Where(j => StoreJobKind.Parse(j.Id) is not null).ToDictionary(j => j.Id);
        int added = 0, removed = 0;
        foreach (var (id, job) in wanted)
        {
            if (existing.TryGetValue(id, out var current) && current.Cron == job.Kind.Cron && current.TimeZoneId == zone.Id
                && (current.Job?.Queue ?? current.Queue) == StoreJobKind.Queue && current.Job?.Args is [string kind, Guid tenant, ..] && kind == job.Kind.Name && tenant == job.TenantId)
                continue;
            jobs.AddOrUpdate<StoreJobs>(id, StoreJobKind.Queue, j => j.RunAsync(job.Kind.Name, job.TenantId, null!, CancellationToken.None), job.Kind.Cron,
                new RecurringJobOptions { TimeZone = zone, MisfireHandling = MisfireHandlingMode.Relaxed });
            added++;
        }
        foreach (var id in existing.Keys.Where(id => !wanted.ContainsKey(id)))
        {
            jobs.RemoveIfExists(id);
            removed++;
        }
        var summary = $"{stores.Count} lojas, {wanted.Count} tarefas: {added} criadas ou atualizadas, {removed} removidas.";
        if (added + removed > 0)
            logger.LogInformation("Schedule sync: {Summary}", summary);
        return summary;
    }

    async Task<List<(Guid Id, string Slug)>> StoresAsync(CancellationToken ct)
    {
        var stores = new List<(Guid, string)>();
        await using var cmd = dataSource.CreateCommand("SELECT id, slug FROM identity.tenants WHERE active AND slug <> $1 ORDER BY slug");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Operators.StoreSlug });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            stores.Add((reader.GetGuid(0), reader.GetString(1)));
        return stores;
    }
}
