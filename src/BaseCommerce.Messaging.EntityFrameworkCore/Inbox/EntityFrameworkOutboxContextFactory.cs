using System.Data;
using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Inbox;

/// <summary>
/// The inbox: runs a consumer at most once per (MessageId, consumer). Each attempt takes the message's inbox row
/// with <c>FOR UPDATE</c> in a transaction of the consumer's own DbContext, so a duplicate handled by another
/// replica waits for the first attempt to commit and then sees the message consumed. MassTransit's outbox pipe
/// drives the steps (consume, deliver the consumer's messages, clean up); this class gives each step its
/// transaction. A <see cref="Batch{T}"/> consumer's messages get their inbox rows all at once, in the transaction of
/// the consumer's work (see <see cref="SendBatch{T}"/>).
/// </summary>
sealed class EntityFrameworkOutboxContextFactory<TDbContext>(TDbContext db, IServiceProvider provider) : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        if (BatchInbox<T>.IsBatch)
        {
            await SendBatch(context, options, next);
            return;
        }

        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "A message needs a MessageId to be consumed through the inbox.");
        await Steps(context, messageId, options, next);
    }

    /// <summary>The steps of one inbox entry, each in its transaction, until MassTransit's pipe says the receive is complete.</summary>
    async Task Steps<T>(ConsumeContext<T> context, Guid messageId, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        InboxState? settled = null;
        var continueProcessing = true;
        while (continueProcessing)
        {
            if (settled is not null)
            {
                // Consumed and nothing to deliver: the last step only completes the receive, no database needed.
                var done = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, provider, db, settled, inTransaction: false);
                await next.Send(done);
                continueProcessing = done.ContinueProcessing;
                continue;
            }

            // A failed attempt rolls back whole, so the savepoint EF would wrap around each SaveChanges in this
            // transaction (two round trips each, two SaveChanges per message) protects nothing.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken);
            try
            {
                var inbox = await Lock(messageId, options.ConsumerId, context);
                inbox.ReceiveCount++;
                inbox.LockId = NewId.NextGuid();

                var step = new DbContextOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, inTransaction: true);
                await next.Send(step);
                await db.SaveChangesAsync(context.CancellationToken);
                await transaction.CommitAsync(context.CancellationToken);

                continueProcessing = step.ContinueProcessing;
                if (inbox is { Consumed: not null, Delivered: not null })
                    settled = inbox;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    /// <summary>
    /// A batch in one transaction: an inbox row per message, inserted unless it exists, and the consumer given only the
    /// messages whose row is new. A duplicate on another replica waits on the rows' unique key until this transaction
    /// ends, then finds them. What the consumer sends goes to the bus outbox in the same transaction; the step runs on
    /// one of the new rows (the carrier). Rows an earlier version left undelivered get their delivery steps after.
    /// </summary>
    async Task SendBatch<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        // Sorted, so two batches that share messages take their keys in one order.
        var ids = BatchInbox<T>.MessageIds(context).Distinct().Order().ToArray();
        var undelivered = new List<Guid>();
        db.Database.AutoSavepointsEnabled = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, context.CancellationToken))
        {
            try
            {
                var now = DateTime.UtcNow;
                var fresh = (await db.Database.SqlQuery<Guid>($"""
                    INSERT INTO messaging.inbox_state (message_id, consumer_id, lock_id, received, receive_count, consumed, delivered)
                    SELECT id, {options.ConsumerId}, {Guid.Empty}, {now}, 1, {now}, {now} FROM unnest({ids}) id
                    ON CONFLICT (message_id, consumer_id) DO NOTHING
                    RETURNING message_id AS "Value"
                    """).ToListAsync(context.CancellationToken)).ToHashSet();
                if (fresh.Count > 0)
                {
                    var carrier = new InboxState { MessageId = ids.Last(fresh.Contains), ConsumerId = options.ConsumerId, ReceiveCount = 1 };
                    var step = new DbContextOutboxConsumeContext<TDbContext, T>(BatchInbox<T>.Keep(context, fresh), options, provider, db, carrier,
                        inTransaction: true);
                    await next.Send(step);
                    await db.SaveChangesAsync(context.CancellationToken);
                    if (!step.ContinueProcessing)
                    {
                        await transaction.CommitAsync(context.CancellationToken);
                        return;
                    }
                }
                if (fresh.Count < ids.Length)
                {
                    var seen = ids.Where(id => !fresh.Contains(id)).ToArray();
                    undelivered.AddRange(await db.Database.SqlQuery<Guid>($"""
                        SELECT message_id AS "Value" FROM messaging.inbox_state
                        WHERE message_id = ANY({seen}) AND consumer_id = {options.ConsumerId} AND delivered IS NULL
                        """).ToListAsync(context.CancellationToken));
                }
                await transaction.CommitAsync(context.CancellationToken);
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }

        foreach (var carrier in undelivered)
            await Steps(context, carrier, options, next);
        if (undelivered.Count > 0)
            return;
        // Every message consumed now or before, and nothing to deliver: the last step only completes the receive.
        var settled = new InboxState { MessageId = ids[^1], ConsumerId = options.ConsumerId, Consumed = DateTime.UtcNow };
        settled.Delivered = settled.Consumed;
        await next.Send(new DbContextOutboxConsumeContext<TDbContext, T>(context, options, provider, db, settled, inTransaction: false));
    }

    async Task<InboxState> Lock(Guid messageId, Guid consumerId, ConsumeContext context)
    {
        var now = DateTime.UtcNow;
        DateTime? expires = context.ExpirationTime?.ToUniversalTime();
        // A concurrent duplicate blocks on the unique key until this transaction ends, then inserts nothing.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO messaging.inbox_state (message_id, consumer_id, lock_id, received, receive_count, expiration_time)
            VALUES ({messageId}, {consumerId}, {Guid.Empty}, {now}, 0, {expires})
            ON CONFLICT (message_id, consumer_id) DO NOTHING
            """, context.CancellationToken);
        // The row may have changed since this DbContext last saw it (a duplicate on another replica delivered the
        // outgoing messages meanwhile); EF would keep its stale tracked copy, so forget it before reading.
        foreach (var stale in db.ChangeTracker.Entries<InboxState>().ToList())
            stale.State = EntityState.Detached;
        return await db.Set<InboxState>()
            .FromSql($"SELECT * FROM messaging.inbox_state WHERE message_id = {messageId} AND consumer_id = {consumerId} FOR UPDATE")
            .AsTracking()
            .SingleAsync(context.CancellationToken);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "entityFrameworkCore");
}
