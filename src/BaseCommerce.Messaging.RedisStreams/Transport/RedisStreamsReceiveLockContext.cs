using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// One delivered entry's claim. While the handler runs, the receiver's <see cref="ClaimRenewer"/> keeps the claim alive
/// so a slow handler is not reclaimed by a peer; the outcome then acknowledges (complete), schedules a redelivery, or gives the
/// entry back to the group (a transport fault, or a shutdown that cancelled the handler). Nothing that did not
/// complete is acknowledged.
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
        ClaimRenewer renewer, AckBatcher acks)
    {
        _context = context;
        _entry = entry;
        _message = message;
        _renewer = renewer;
        _acks = acks;
        _claim = renewer.Track(entry.Id);
    }

    RedisStreamsReceiveSettings Settings => _context.Settings;
    string Queue => Settings.QueueName;
    string Stream => _context.Connection.Keys.Stream(Queue);

    public async Task Complete()
    {
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
        try
        {
            await _context.Connection.Client.ReleaseAsync(Stream, RedisStreamsKeys.Group(Queue), Settings.ConsumerName, _entry.Id, Settings.LockDuration);
        }
        catch (Exception e)
        {
            LogContext.Warning?.Log(e, "Release failed: {Queue} {EntryId} (it will be reclaimed after the lock duration)", Queue, _entry.Id);
        }
    }

    public Task ValidateLockStatus() =>
        _claim.Lost ? throw new TransportException(_context.InputAddress, $"Lock lost on entry {_entry.Id}: another consumer reclaimed it") : Task.CompletedTask;

    public async Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
    {
        if (!Settle())
            return;
        var next = RedeliveryCount.Increment(_message);
        var scheduled = await _context.Connection.Client.RedeliverAsync(_context.Connection.Keys, Queue, _entry.Id, next.ToFields(), delay);
        if (scheduled)
            RedisStreamsMetrics.Redelivered(Queue);
        else
            LogContext.Warning?.Log("Redelivery skipped, the entry was no longer ours: {Queue} {EntryId}", Queue, _entry.Id);
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
