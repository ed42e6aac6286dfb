using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// One delivered entry's claim. While the handler runs, the receiver's <see cref="ClaimRenewer"/> keeps the claim alive
/// so a slow handler is not reclaimed by a peer; the outcome then acknowledges (complete), schedules a redelivery, moves
/// the entry to its error or skipped stream, or gives it back to the group (a transport fault, or a shutdown that
/// cancelled the handler). Nothing that did not complete is acknowledged, and only the entry's current owner redelivers,
/// moves or gives it back: a replica whose claim was taken leaves the entry to its new owner.
/// </summary>
internal sealed class RedisStreamsReceiveLockContext : ReceiveLockContext, MessageRedeliveryContext
{
    readonly RedisStreamsReceiveEndpointContext _context;
    readonly StreamEntry _entry;
    readonly TransportMessage _message;
    readonly ClaimRenewer _renewer;
    readonly ClaimRenewer.Claim _claim;
    readonly AckBatcher _acks;
    int _settled;

    public RedisStreamsReceiveLockContext(RedisStreamsReceiveEndpointContext context, StreamEntry entry, TransportMessage message,
        ClaimRenewer renewer, ClaimRenewer.Claim claim, AckBatcher acks)
    {
        _context = context;
        _entry = entry;
        _message = message;
        _renewer = renewer;
        _claim = claim;
        _acks = acks;
    }

    RedisStreamsReceiveSettings Settings => _context.Settings;
    string Queue => Settings.QueueName;
    string Stream => _context.Connection.Keys.Stream(Queue);
    RedisStreamsClient Client => _context.Connection.Client;

    public async Task Complete()
    {
        // An entry whose handler completed is acknowledged even if the claim was lost meanwhile: the work is done, and the
        // new owner's attempt (absorbed by its inbox) then finds nothing left to redeliver or dead-letter.
        if (!Settle())
            return;
        try
        {
            await _acks.AckAsync(_entry.Id);
            RedisStreamsMetrics.Consumed(Queue);
        }
        catch (Exception e)
        {
            // The entry stays pending and is reclaimed later: a duplicate, which the consumer inbox absorbs.
            LogContext.Warning?.Log(e, "Acknowledge failed: {Queue} {EntryId}", Queue, _entry.Id);
        }
    }

    public async Task Faulted(Exception exception)
    {
        if (!Settle())
            return;
        await Release();
    }

    public Task ValidateLockStatus() =>
        _claim.Lost ? throw new TransportException(_context.InputAddress, $"Lock lost on entry {_entry.Id}: another consumer reclaimed it") : Task.CompletedTask;

    public async Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
    {
        if (!Settle())
            return;
        var next = RedeliveryCount.Increment(_message);
        bool scheduled;
        try
        {
            scheduled = await Client.RedeliverAsync(_context.Connection.Keys, Queue, Settings.ConsumerName, _entry.Id, next.ToFields(), delay);
        }
        catch (Exception e)
        {
            // Not into the error stream for a Redis blip: the entry goes back to the group and is retried at once.
            LogContext.Warning?.Log(e, "Redelivery failed: {Queue} {EntryId}; giving the entry back", Queue, _entry.Id);
            await Release();
            return;
        }
        if (scheduled)
            RedisStreamsMetrics.Redelivered(Queue);
        else
            LogContext.Warning?.Log("Redelivery skipped, the entry was no longer ours: {Queue} {EntryId}", Queue, _entry.Id);
    }

    /// <summary>
    /// Moves the entry to <paramref name="targetQueue"/> and acknowledges it in one step (MassTransit's error and dead-letter
    /// transports), so it is never in both; nothing happens if the claim was lost. A failed move leaves the lock unsettled,
    /// for the pipeline's fault to give the entry back.
    /// </summary>
    public async Task MoveTo(string targetQueue, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        if (Volatile.Read(ref _settled) == 1)
            return;
        var moved = await Client.MoveAsync(_context.Connection.Keys, Queue, Settings.ConsumerName, _entry.Id, targetQueue, fields);
        Settle();
        if (!moved)
            LogContext.Warning?.Log("Move to {Target} skipped, the entry was no longer ours: {Queue} {EntryId}", targetQueue, Queue, _entry.Id);
    }

    async Task Release()
    {
        try
        {
            await Client.ReleaseAsync(Stream, RedisStreamsKeys.Group(Queue), Settings.ConsumerName, _entry.Id, Settings.LockDuration);
        }
        catch (Exception e)
        {
            LogContext.Warning?.Log(e, "Release failed: {Queue} {EntryId} (it will be reclaimed after the lock duration)", Queue, _entry.Id);
        }
    }

    /// <summary>Stops renewing; true for the first outcome only (the pipeline may report more than one).</summary>
    bool Settle()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
            return false;
        _renewer.Forget(_claim);
        return true;
    }
}
