using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Inbox;

/// <summary>
/// Clean-up of the <c>messaging</c> tables, run by the platform's scheduler (one job for every service's rows, which
/// share the schema) rather than by a timer in each service: one set of deletes instead of one per process, and a run
/// an operator sees on the dashboard.
/// </summary>
public static class InboxPurge
{
    /// <summary>
    /// Deletes inbox rows whose consumer's messages were all delivered before <paramref name="cutoff"/> (their outgoing
    /// rows go with them, ON DELETE CASCADE), <paramref name="batchSize"/> at a time so that no statement holds locks
    /// over a large backlog. A row consumed but not delivered stays: its messages are still to be sent.
    /// </summary>
    public static async Task<int> DeleteDeliveredAsync(DbContext db, DateTime cutoff, int batchSize, CancellationToken ct)
    {
        var total = 0;
        int removed;
        do
        {
            removed = await db.Set<InboxState>()
                .Where(i => i.Delivered != null && i.Delivered < cutoff)
                .OrderBy(i => i.Id)
                .Take(batchSize)
                .ExecuteDeleteAsync(ct);
            total += removed;
        } while (removed == batchSize);
        return total;
    }

    /// <summary>What no clean-up may delete but an operator should know of: work still waiting since before <paramref name="olderThan"/>.</summary>
    public static async Task<StuckMessages> StuckAsync(DbContext db, DateTime olderThan, CancellationToken ct) => new(
        await db.Set<OutboxState>().CountAsync(o => o.Delivered == null && o.Created < olderThan, ct),
        await db.Set<InboxState>().CountAsync(i => i.Consumed != null && i.Delivered == null && i.Consumed < olderThan, ct));
}

/// <param name="UndeliveredOutboxes">Committed units of work whose messages the delivery service has not sent.</param>
/// <param name="UndeliveredInboxes">Consumed messages whose consumer's outgoing messages were never sent.</param>
public sealed record StuckMessages(int UndeliveredOutboxes, int UndeliveredInboxes);
