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
/// transaction.
/// </summary>
sealed class EntityFrameworkOutboxContextFactory<TDbContext>(TDbContext db, IServiceProvider provider) : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "A message needs a MessageId to be consumed through the inbox.");

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
                if (inbox is { Consumed: not null, Delivered: not null } && !step.AddedMessages)
                    settled = inbox;
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
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
