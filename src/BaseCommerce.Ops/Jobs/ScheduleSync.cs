using BaseCommerce.Authentication;
using Hangfire;
using Hangfire.Storage;
using BaseCommerce.Scheduling;
using BaseCommerce.Tenancy;
using BaseCommerce.Ops.Data;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// Keeps Hangfire's recurring jobs in line with <c>identity.tenants</c>: every active store (but the operators' own) has
/// one job per <see cref="StoreJobKind"/>, cron in the store's time zone at the hours it chose (<c>ops.store_schedules</c>);
/// a disabled, deleted or paused one has none. Runs at Ops' start and as the platform job <see cref="JobId"/> every five
/// minutes, and for one store when its hours change. Writes only what differs, since each <c>AddOrUpdate</c> takes a lock
/// and reads a hash.
/// </summary>
public sealed class ScheduleSync(IServiceScopeFactory scopes, TenantDirectory directory, JobStorage storage, IRecurringJobManagerV2 jobs, PausedJobs paused,
    ILogger<ScheduleSync> logger) : IScheduleSync
{
    public const string JobId = IScheduleSync.JobId;

    // One sync at a time in this process (the start-up and timetable runs, a store's hours changing): each reads the stores
    // and then writes jobs, and interleaved, a run that read a store as active could give it its jobs back after another
    // run, which read it disabled, had removed them.
    static readonly SemaphoreSlim Writing = new(1, 1);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await Writing.WaitAsync(ct);
        try
        {
            return await RunLockedAsync(ct);
        }
        finally
        {
            Writing.Release();
        }
    }

    async Task<string> RunLockedAsync(CancellationToken ct)
    {
        var stores = (await directory.ListActiveAsync(ct)).Where(s => s.Slug != Operators.StoreSlug).ToList();
        var pausedIds = await paused.AllAsync(ct);
        var wanted = new Dictionary<string, WantedJob>();
        foreach (var store in stores)
        {
            var schedule = await ScheduleOfAsync(store, ct);
            foreach (var kind in StoreJobKind.All)
                if (!pausedIds.Contains(kind.JobId(store.Slug)))
                    wanted[kind.JobId(store.Slug)] = new WantedJob(kind, store.Id, store.Slug, kind.CronOf(schedule), schedule.TimeZone);
        }

        using var connection = storage.GetConnection();
        var existing = connection.GetRecurringJobs().Where(j => StoreJobKind.Parse(j.Id) is not null).ToDictionary(j => j.Id);
        var added = Apply(wanted, existing);
        var removed = 0;
        foreach (var id in existing.Keys.Where(id => !wanted.ContainsKey(id)))
        {
            jobs.RemoveIfExists(id);
            removed++;
        }
        SyncPlatformJobs(connection, pausedIds);
        var summary = $"{stores.Count} lojas, {wanted.Count} tarefas: {added} criadas ou atualizadas, {removed} removidas.";
        if (added + removed > 0)
            logger.LogInformation("Schedule sync: {Summary}", summary);
        return summary;
    }

    /// <summary>One store's jobs at its current hours (its admin just changed them); paused jobs stay off.</summary>
    public async Task SyncStoreAsync(Guid tenantId, string slug, StoreSchedule schedule, CancellationToken ct)
    {
        if (slug == Operators.StoreSlug)
            return;
        await Writing.WaitAsync(ct);
        try
        {
            await SyncStoreLockedAsync(tenantId, slug, schedule, ct);
        }
        finally
        {
            Writing.Release();
        }
    }

    async Task SyncStoreLockedAsync(Guid tenantId, string slug, StoreSchedule schedule, CancellationToken ct)
    {
        // The event may arrive after the store was disabled (events reach Ops some time after they were raised): a disabled
        // store gets no jobs back, read past the directory's cache.
        if (await directory.FindByIdUncachedAsync(tenantId, ct) is not { Active: true })
        {
            foreach (var kind in StoreJobKind.All)
                jobs.RemoveIfExists(kind.JobId(slug));
            return;
        }
        var pausedIds = await paused.AllAsync(ct);
        var wanted = StoreJobKind.All.Where(k => !pausedIds.Contains(k.JobId(slug)))
            .ToDictionary(k => k.JobId(slug), k => new WantedJob(k, tenantId, slug, k.CronOf(schedule), schedule.TimeZone));
        using var connection = storage.GetConnection();
        Apply(wanted, connection.GetRecurringJobs([.. wanted.Keys]).Where(j => j.Job is not null).ToDictionary(j => j.Id));
    }

    /// <summary>A store's recurring job as it should be: kind, store (its id and, for the dashboard, its slug), cron and zone.</summary>
    sealed record WantedJob(StoreJobKind Kind, Guid TenantId, string Slug, string Cron, TimeZoneInfo TimeZone);

    int Apply(Dictionary<string, WantedJob> wanted, Dictionary<string, RecurringJobDto> existing)
    {
        var written = 0;
        foreach (var (id, job) in wanted)
        {
            if (existing.TryGetValue(id, out var current) && current.Cron == job.Cron && current.TimeZoneId == job.TimeZone.Id
                && (current.Job?.Queue ?? current.Queue) == StoreJobKind.Queue && current.Job?.Type == typeof(IStoreJobs)
                && current.Job.Method.Name == nameof(IStoreJobs.RunForStoreAsync)
                && current.Job.Args is [string name, Guid tenant, string slug, ..] && name == job.Kind.Name && tenant == job.TenantId && slug == job.Slug)
                continue;
            jobs.AddOrUpdate<IStoreJobs>(id, StoreJobKind.Queue, j => j.RunForStoreAsync(job.Kind.Name, job.TenantId, job.Slug, null!, CancellationToken.None),
                job.Cron, new RecurringJobOptions { TimeZone = job.TimeZone, MisfireHandling = MisfireHandlingMode.Relaxed });
            written++;
        }
        return written;
    }

    /// <summary>The platform's clean-up job, unless an operator paused it (this sync itself is added at Ops' start and cannot be paused).</summary>
    void SyncPlatformJobs(IStorageConnection connection, IReadOnlySet<string> pausedIds)
    {
        if (pausedIds.Contains(MessagingCleanup.JobId))
            jobs.RemoveIfExists(MessagingCleanup.JobId);
        else if (!connection.GetRecurringJobs([MessagingCleanup.JobId]).Any(j => j.Job?.Type == typeof(IMessagingCleanup) && j.Cron == MessagingCleanup.Cron))
            jobs.AddOrUpdate<IMessagingCleanup>(MessagingCleanup.JobId, "default", c => c.RunAsync(CancellationToken.None), MessagingCleanup.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    /// <summary>The store's hours and zone, read as the store (the table is tenant-owned, with forced row-level security).</summary>
    async Task<StoreSchedule> ScheduleOfAsync(TenantInfo store, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(store);
        return await StoreSchedule.OfAsync(scope.ServiceProvider.GetRequiredService<OpsDb>(), store.Id, ct);
    }
}
