using System.Security.Cryptography;
using System.Text;
using BaseCommerce.Ops.Data;
using BaseCommerce.Tenancy;
using Hangfire;
using Hangfire.Server;
using BaseCommerce.Scheduling;
using MassTransit;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// The body of every per-store recurring job: open the store's tenant scope and publish the kind's engine command through
/// Ops' outbox. Its message id comes from the recurring job and the run's scheduled time, so Hangfire retrying a run
/// publishes the same message and the engine's inbox drops the copy. The returned text is the run's result on the
/// dashboard. Recurring jobs name <see cref="IStoreJobs"/> (its attributes apply); runs queued before that name this class.
/// </summary>
public sealed class StoreJobs(TenantDirectory directory, TenantContext tenant, OpsDb db, IPublishEndpoint publish, PausedJobs paused, TimeProvider clock)
    : IStoreJobs
{
    /// <summary>The signature of runs queued before the jobs named <see cref="IStoreJobs"/>; they end the same way.</summary>
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution("store-job:{0}:{1}", 60)]
    [JobDisplayName("{0} · loja {2}")]
    public Task<string> RunForStoreAsync(string kind, Guid tenantId, string slug, PerformContext context, CancellationToken ct) =>
        RunAsync(kind, tenantId, context, ct);

    /// <summary>The signature of the jobs written before the slug was an argument; runs still queued with it end the same way.</summary>
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution("store-job:{0}:{1}", 60)]
    [JobDisplayName("{0} · {1}")]
    public async Task<string> RunAsync(string kind, Guid tenantId, PerformContext context, CancellationToken ct)
    {
        var jobKind = StoreJobKind.Find(kind) ?? throw new InvalidOperationException($"Tipo de tarefa desconhecido: '{kind}'.");
        // Past the directory's cache: a store disabled a moment ago gets no recomputation.
        var store = await directory.FindByIdUncachedAsync(tenantId, ct);
        if (store is null)
            return JobOutcomes.Skip(kind, "ignorada: a loja não existe mais.");
        if (!store.Active)
            return JobOutcomes.Skip(kind, $"ignorada: a loja '{store.Slug}' está desativada.");
        if (await paused.IsPausedAsync(jobKind.JobId(store.Slug), ct))
            return JobOutcomes.Skip(kind, $"ignorada: a tarefa {jobKind.JobId(store.Slug)} está pausada.");

        tenant.Use(store);
        // When the scheduler meant this run to happen: Hangfire records it as the job's Time, in Unix seconds.
        var time = context.GetJobParameter<long?>("Time");
        var scheduled = time is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : clock.GetUtcNow();
        var recurringId = context.GetJobParameter<string>("RecurringJobId") ?? jobKind.JobId(store.Slug);
        var messageId = MessageIdOf(recurringId, time?.ToString() ?? context.BackgroundJob.Id);
        var zone = (await StoreSchedule.OfAsync(db, store.Id, ct)).TimeZone;
        var run = new StoreJobRun(store.Id, messageId, scheduled, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(scheduled, zone).DateTime),
            $"hangfire:{recurringId}");
        var command = jobKind.Command(run);
        await publish.Publish(command, command.GetType(), c => c.MessageId = messageId, ct);
        await db.SaveChangesAsync(ct);
        return $"{command.GetType().Name} publicado para a loja '{store.Slug}' (mensagem {messageId}).";
    }

    /// <summary>A name-based id (SHA-256 of the job and run, shaped as a version-8 UUID): the same run gives the same id everywhere.</summary>
    public static Guid MessageIdOf(string jobId, string run)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"basecommerce:job:{jobId}:{run}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
