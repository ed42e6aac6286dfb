using System.Globalization;
using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// One delivered entry's claim. While the handler runs, the claim is renewed every 0.7 × lock duration so a slow
/// handler is not reclaimed by a peer; the outcome then acknowledges (complete), schedules a redelivery, or gives the
/// entry back to the group (a transport fault, or a shutdown that cancelled the handler). Nothing that did not
/// complete is acknowledged.
/// </summary>
internal sealed class RedisStreamsReceiveLockContext : ReceiveLockContext, MessageRedeliveryContext
{
    readonly RedisStreamsReceiveEndpointContext _context;
    readonly StreamEntry _entry;
    readonly TransportMessage _message;
    readonly CancellationTokenSource _renewing = new();
    readonly Task _renewLoop;
    readonly DateTime _startedAt = DateTime.UtcNow;
    int _settled;
    volatile bool _lost;

    public RedisStreamsReceiveLockContext(RedisStreamsReceiveEndpointContext context, StreamEntry entry, TransportMessage message)
    {
        _context = context;
        _entry = entry;
        _message = message;
        _renewLoop = Task.Run(RenewLoop);
    }

    RedisStreamsReceiveSettings Settings => _context.Settings;
    string Queue => Settings.QueueName;
    string Stream => _context.Connection.Keys.Stream(Queue);

    public async Task Complete()
    {
        if (!await Settle())
            return;
        try
        {
            await _context.Connection.Client.AckAndDeleteAsync(Stream, RedisStreamsKeys.Group(Queue), [_entry.Id]);
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
        if (!await Settle())
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
        _lost ? throw new TransportException(_context.InputAddress, $"Lock lost on entry {_entry.Id}: another consumer reclaimed it") : Task.CompletedTask;

    public async Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
    {
        if (!await Settle())
            return;
        var next = RedeliveryCount.Increment(_message);
        var scheduled = await _context.Connection.Client.RedeliverAsync(_context.Connection.Keys, Queue, _entry.Id, next.ToFields(), delay);
        if (scheduled)
            RedisStreamsMetrics.Redelivered(Queue);
        else
            LogContext.Warning?.Log("Redelivery skipped, the entry was no longer ours: {Queue} {EntryId}", Queue, _entry.Id);
    }

    /// <summary>Stops renewing; true for the first outcome only (the pipeline may report more than one).</summary>
    async Task<bool> Settle()
    {
        if (Interlocked.Exchange(ref _settled, 1) == 1)
            return false;
        await _renewing.CancelAsync();
        await _renewLoop;
        _renewing.Dispose();
        return true;
    }

    async Task RenewLoop()
    {
        var interval = TimeSpan.FromTicks((long)(Settings.LockDuration.Ticks * 0.7));
        while (!_renewing.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _renewing.Token);
                if (DateTime.UtcNow - _startedAt >= Settings.MaxLockDuration)
                    return;
                if (!await _context.Connection.Client.RenewIfOwnedAsync(Stream, RedisStreamsKeys.Group(Queue), Settings.ConsumerName, _entry.Id))
                {
                    LogContext.Warning?.Log("Lock lost: {Queue} {EntryId}", Queue, _entry.Id);
                    _lost = true;
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // Redis away for a moment: try again at the next interval, the claim is still ours until a peer takes it.
                LogContext.Debug?.Log(e, "Lock renewal failed: {Queue} {EntryId}", Queue, _entry.Id);
            }
        }
    }
}
