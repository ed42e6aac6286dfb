using Hangfire;
using Hangfire.Server;

namespace BaseCommerce.Scheduling;

/// <summary>
/// Every per-store recurring job: open the store's scope and publish the kind's engine command. Hangfire stores this
/// signature and reads these attributes with every job: add methods rather than change this one.
/// </summary>
public interface IStoreJobs
{
    /// <summary>A run of the store's job; <paramref name="slug"/> names the store on the dashboard (the store is found by its id).</summary>
    [AutomaticRetry(Attempts = 5, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution("store-job:{0}:{1}", 60)]
    [JobDisplayName("{0} · loja {2}")]
    Task<string> RunForStoreAsync(string kind, Guid tenantId, string slug, PerformContext context, CancellationToken ct);
}

/// <summary>Keeps every store's recurring jobs, and the platform's, in line with the stores (<c>platform:schedule-sync</c>).</summary>
public interface IScheduleSync
{
    public const string JobId = "platform:schedule-sync";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(JobId, 60)]
    [JobDisplayName("schedule-sync · plataforma")]
    Task<string> RunAsync(CancellationToken ct);
}

/// <summary>The outbox and inbox clean-up of every service (<c>platform:messaging-cleanup</c>).</summary>
public interface IMessagingCleanup
{
    public const string JobId = "platform:messaging-cleanup";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(JobId, 60)]
    [JobDisplayName("messaging-cleanup · plataforma")]
    Task<string> RunAsync(CancellationToken ct);
}
