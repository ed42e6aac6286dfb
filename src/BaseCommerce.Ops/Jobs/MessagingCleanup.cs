using BaseCommerce.Messaging.EntityFrameworkCore.Inbox;
using BaseCommerce.Ops.Data;
using BaseCommerce.Tenancy;
using BaseCommerce.Scheduling;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// The platform's outbox and inbox clean-up (<see cref="JobId"/>, every 15 minutes): every service's rows share the
/// <c>messaging</c> schema, so one job cleans them all. An inbox row is what makes a redelivered message a duplicate, so it
/// stays for <see cref="SchedulerOptions.InboxRetention"/> after its consumer's messages went out; a bus outbox's rows are
/// deleted by the delivery service as it sends them, so what the job reports of the outbox is what is stuck.
/// </summary>
public sealed class MessagingCleanup(TenantContext tenant, OpsDb db, SchedulerOptions options, TimeProvider clock, ILogger<MessagingCleanup> logger)
    : IMessagingCleanup
{
    public const string JobId = IMessagingCleanup.JobId;
    public const string Cron = "*/15 * * * *";
    const int BatchSize = 5_000;

    /// <summary>Work waiting longer than this is reported on the dashboard (a delivery round normally takes milliseconds).</summary>
    static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(10);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        tenant.UsePlatform();
        var now = clock.GetUtcNow().UtcDateTime;
        var removed = await InboxPurge.DeleteDeliveredAsync(db, now - options.InboxRetention, BatchSize, ct);
        var stuck = await InboxPurge.StuckAsync(db, now - StuckAfter, ct);
        var summary = $"{removed} entradas do inbox removidas (entregues há mais de {options.InboxRetention.TotalMinutes:0} min).";
        if (stuck.UndeliveredOutboxes + stuck.UndeliveredInboxes > 0)
        {
            summary += $" Aguardando envio há mais de {StuckAfter.TotalMinutes:0} min: {stuck.UndeliveredOutboxes} outboxes e " +
                $"{stuck.UndeliveredInboxes} mensagens consumidas.";
            logger.LogWarning("Messaging cleanup: {Summary}", summary);
        }
        return summary;
    }
}
