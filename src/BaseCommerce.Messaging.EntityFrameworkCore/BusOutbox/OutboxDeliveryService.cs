using System.Data;
using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// Sends committed bus-outbox messages to the transport. Each round claims a batch of outboxes with
/// <c>FOR UPDATE SKIP LOCKED</c> (so replicas and workers never take the same one), sends the outboxes
/// concurrently, each in its own sequence order, then deletes what was sent and commits. A crash between
/// send and commit sends those messages again: delivery is at-least-once, and consumers' inboxes drop the
/// duplicates by MessageId.
/// </summary>
sealed class OutboxDeliveryService<TDbContext>(IServiceProvider services, IBusControl bus, IBusOutboxNotification notification,
    EntityFrameworkOutboxOptions options, ILogger<OutboxDeliveryService<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.DeliveryWorkers)).Select(_ => Work(stoppingToken)));

    async Task Work(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
                var claimed = await DeliverRound(stoppingToken);
                failures = 0;
                if (claimed < options.OutboxBatchSize)
                    await notification.WaitForDelivery(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                logger.LogWarning(exception, "Outbox delivery round failed ({Failures} in a row); retrying", failures);
                var backoff = TimeSpan.FromMilliseconds(Math.Min(options.QueryDelay.TotalMilliseconds * 5, 100 * Math.Pow(2, failures)));
                try { await Task.Delay(backoff, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>One claim-send-delete round; returns how many outboxes it claimed.</summary>
    internal async Task<int> DeliverRound(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        options.ConfigureBackgroundScope?.Invoke(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();

        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var outboxIds = await db.Database.SqlQuery<Guid>($"""
            SELECT outbox_id AS "Value" FROM messaging.outbox_state
            WHERE delivered IS NULL AND (next_attempt IS NULL OR next_attempt <= now())
            ORDER BY created LIMIT {options.OutboxBatchSize}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (outboxIds.Count == 0)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        var messages = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.OutboxId != null && outboxIds.Contains(m.OutboxId.Value))
            .OrderBy(m => m.SequenceNumber)
            .ToListAsync(cancellationToken);

        var results = new List<OutboxResult>(outboxIds.Count);
        await Parallel.ForEachAsync(messages.GroupBy(m => m.OutboxId!.Value),
            new ParallelOptions { MaxDegreeOfParallelism = options.DeliveryConcurrency, CancellationToken = cancellationToken },
            async (outbox, ct) =>
            {
                var result = await SendInOrder(outbox.Key, outbox, ct);
                lock (results) results.Add(result);
            });

        var finished = outboxIds.Except(results.Where(r => !r.Complete).Select(r => r.OutboxId)).ToList();
        var sentOfUnfinished = results.Where(r => !r.Complete).SelectMany(r => r.Sent).ToList();
        // Deleting an outbox_state row deletes its messages too (ON DELETE CASCADE).
        await db.Set<OutboxState>().Where(s => finished.Contains(s.OutboxId)).ExecuteDeleteAsync(cancellationToken);
        if (sentOfUnfinished.Count > 0)
            await db.Set<OutboxMessage>().Where(m => sentOfUnfinished.Contains(m.SequenceNumber)).ExecuteDeleteAsync(cancellationToken);
        var failed = results.Where(r => !r.Complete).Select(r => r.OutboxId).ToArray();
        if (failed.Length > 0)
            // 1 s after the first failed round, doubling to at most 30 s: a poison outbox stops being claimed first by every
            // round and starving the healthy ones behind it, and is retried until it goes (the clean-up job reports it). The
            // cap keeps a Redis blip (rounds stop while the bus is unhealthy, so only a few fail) from delaying much.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE messaging.outbox_state
                SET attempts = attempts + 1, next_attempt = now() + least(interval '30 seconds', interval '1 second' * power(2, least(attempts, 5)))
                WHERE outbox_id = ANY({failed})
                """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outboxIds.Count;
    }

    async Task<OutboxResult> SendInOrder(Guid outboxId, IEnumerable<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var sent = new List<long>();
        foreach (var message in messages)
        {
            try
            {
                message.Deserialize(SystemTextJsonMessageSerializer.Instance);
                if (message.DestinationAddress is not null)
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(options.MessageDeliveryTimeout);
                    var endpoint = await bus.GetSendEndpoint(message.DestinationAddress);
                    await endpoint.Send(new SerializedMessageBody(), new OutboxDeliveryPipe(message), timeout.Token);
                }
                else
                    logger.LogWarning("Outbox message {MessageId} has no destination address; dropped", message.MessageId);
                sent.Add(message.SequenceNumber);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // The rest of this outbox waits for the next round, so its messages keep their order.
                logger.LogWarning(exception, "Outbox {OutboxId}: sending message {MessageId} failed; will retry", outboxId, message.MessageId);
                return new OutboxResult(outboxId, false, sent);
            }
        }
        return new OutboxResult(outboxId, true, sent);
    }

    sealed record OutboxResult(Guid OutboxId, bool Complete, List<long> Sent);

    /// <summary>MassTransit's pipe that restores a stored message, plus the remaining delay of a delayed send.</summary>
    sealed class OutboxDeliveryPipe(OutboxMessage message) : IPipe<SendContext>
    {
        readonly OutboxMessageSendPipe _restore = new(message, message.DestinationAddress);

        public async Task Send(SendContext context)
        {
            await _restore.Send(context);
            if (message.EnqueueTime is { } due && due.ToUniversalTime() - DateTime.UtcNow is { Ticks: > 0 } remaining)
                context.Delay = remaining;
        }

        public void Probe(ProbeContext context) => _restore.Probe(context);
    }
}
