using MassTransit;
using MassTransit.Transports;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// The consume loop of one receive endpoint in this process: one consumer in the queue's group.
/// <list type="number">
/// <item>Start: create the group (from the stream's start, so messages sent before the first start are not skipped),
/// register the endpoint's subscriptions, listen for wake-ups, then report ready (the outbox waits for that).</item>
/// <item>Loop, as many reads as free handler slots: reclaim entries abandoned by crashed replicas (every claim interval),
/// move due delayed entries in, read new entries; when there is nothing, wait for a wake-up or the polling interval.
/// No blocking command is used: the multiplexer is shared.</item>
/// <item>Redis away (or any other failure of a receive): report the endpoint unhealthy, retry with back-off, recreate what
/// is missing, report healthy again. The loop ends only when the endpoint stops.</item>
/// </list>
/// </summary>
internal sealed class RedisStreamsMessageReceiver : ConsumerAgent<string>, ReceiveTransportHandle
{
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    readonly RedisStreamsReceiveEndpointContext _context;
    readonly RedisStreamsReceiveSettings _settings;
    readonly RedisStreamsConnection _connection;
    readonly string _stream;
    readonly ClaimRenewer _renewer;
    readonly AckBatcher _acks;
    TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    DateTime _nextClaim = DateTime.MinValue;
    DateTime _nextPromote = DateTime.MinValue;
    DateTime _nextBacklog = DateTime.MinValue;
    string _claimCursor = "0-0";
    bool _healthy;
    TimeSpan _backoff = TimeSpan.FromMilliseconds(100);

    public RedisStreamsMessageReceiver(RedisStreamsReceiveEndpointContext context) : base(context)
    {
        _context = context;
        _settings = context.Settings;
        _connection = context.Connection;
        _stream = _connection.Keys.Stream(_settings.QueueName);
        _renewer = new ClaimRenewer(context);
        _acks = new AckBatcher(ids => _connection.Client.AckAndDeleteAsync(_stream, Group, ids));
        TrySetConsumeTask(Task.Run(Consume));
    }

    string Queue => _settings.QueueName;
    string Group => RedisStreamsKeys.Group(Queue);

    Task ReceiveTransportHandle.Stop(CancellationToken cancellationToken) => this.Stop("Stop Receive Transport", cancellationToken);

    async Task Consume()
    {
        try
        {
            await _context.DependenciesReady.WaitAsync(Stopping);
            await Connect(firstTime: true);
            SetReady();

            // One slot per message that may be handled at once; a read asks for as many entries as there are free slots,
            // so nothing waits in memory unclaimed-for while handlers are busy.
            var limit = Math.Max(1, _context.ConcurrentMessageLimit ?? _context.PrefetchCount);
            using var slots = new SemaphoreSlim(limit, limit);
            while (!IsStopping)
            {
                await slots.WaitAsync(Stopping);
                var taken = 1;
                while (taken < limit && slots.Wait(0))
                    taken++;
                IEnumerable<StreamEntry> entries;
                try
                {
                    entries = await Receive(taken, Stopping);
                }
                catch
                {
                    slots.Release(taken);
                    throw;
                }
                foreach (var entry in entries)
                {
                    taken--;
                    _ = Task.Run(async () =>
                    {
                        try { await Handle(entry); }
                        finally { slots.Release(); }
                    });
                }
                if (taken > 0)
                    slots.Release(taken);
            }
        }
        catch (OperationCanceledException) when (IsStopping)
        {
        }
        catch (Exception exception)
        {
            LogContext.Error?.Log(exception, "Consume loop faulted: {InputAddress}", _context.InputAddress);
            SetNotReady(exception);
        }
    }

    /// <summary>Prepares the queue on Redis, retrying until it succeeds or the endpoint stops.</summary>
    async Task Connect(bool firstTime)
    {
        while (true)
        {
            try
            {
                var client = _connection.Client;
                if (firstTime && _settings.PurgeOnStartup)
                    await client.DeleteQueueAsync(_connection.Keys, Queue);
                await client.EnsureGroupAsync(_stream, Group);
                await client.SubscribeAsync(_connection.Keys, Queue, _settings.Subscriptions);
                if (_settings.AutoDelete)
                    await client.ExpireQueueAsync(_connection.Keys, Queue, _settings.AutoDeleteAfter);
                if (firstTime)
                    await _connection.Subscriber.SubscribeAsync(RedisChannel.Literal(_connection.Keys.Notify(Queue)), OnNotification);
                _healthy = true;
                _backoff = TimeSpan.FromMilliseconds(100);
                _nextPromote = DateTime.MinValue;
                _nextClaim = DateTime.MinValue;
                await _context.TransportObservers.NotifyReady(_context.InputAddress);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !IsStopping)
            {
                await ReportUnhealthy(exception);
                await Task.Delay(NextBackoff(), Stopping);
            }
        }
    }

    void OnNotification(RedisChannel channel, RedisValue value) => _wake.TrySetResult();

    async Task<IEnumerable<StreamEntry>> Receive(int limit, CancellationToken cancellationToken)
    {
        // Entries already claimed or read when a later call fails are still handed out: a reclaim raised their delivery
        // count, and dropping them would let a flapping Redis push a message that never ran past MaxDeliveryCount.
        var entries = new List<StreamEntry>(limit);
        try
        {
            if (!_healthy)
                await Connect(firstTime: false);

            var client = _connection.Client;
            var now = DateTime.UtcNow;
            if (now >= _nextClaim)
            {
                _nextClaim = now + _settings.ClaimInterval;
                // Subscriptions live in Redis: written again on every claim tick, so that losing them (a flushed or
                // replaced instance) does not leave publishes finding no subscriber for good.
                await client.SubscribeAsync(_connection.Keys, Queue, _settings.Subscriptions);
                var (reclaimed, next) = await client.ReclaimAsync(_stream, Group, _settings.ConsumerName, _settings.LockDuration, limit, _claimCursor);
                _claimCursor = next;
                entries.AddRange(reclaimed);
                // Ended processes' names would pile up in the group (and in its consumer count) forever; once their entries
                // were reclaimed they hold nothing. Live ones say so here, every claim tick.
                await client.PruneConsumersAsync(_connection.Keys, Queue, _settings.ConsumerName, _settings.DeadConsumerAfter);
                if (_settings.AutoDelete)
                    await client.ExpireQueueAsync(_connection.Keys, Queue, _settings.AutoDeleteAfter);
            }
            if (now >= _nextPromote)
            {
                var (_, nextDue) = await client.PromoteAsync(_connection.Keys, Queue, 1000);
                _nextPromote = now + (nextDue is { } due && due < _settings.PollingInterval ? due : _settings.PollingInterval);
            }
            if (now >= _nextBacklog)
            {
                _nextBacklog = now + TimeSpan.FromSeconds(5);
                RedisStreamsMetrics.Backlog(Queue, await client.LengthAsync(_stream));
            }
            if (entries.Count < limit)
                entries.AddRange(await ReadNew(client, limit - entries.Count));

            if (entries.Count == 0)
                await WaitForWork(cancellationToken);
            return entries;
        }
        catch (OperationCanceledException)
        {
            return entries;
        }
        catch (Exception exception)
        {
            // Anything else (an unexpected reply, a bug) is retried the same way: a loop that ended here would stop this
            // endpoint for good, and with it the process's outbox, which waits for a healthy bus (review finding 14).
            await ReportUnhealthy(exception);
            try { await Task.Delay(NextBackoff(), cancellationToken); }
            catch (OperationCanceledException) { }
            return entries;
        }
    }

    async Task<IReadOnlyList<StreamEntry>> ReadNew(RedisStreamsClient client, int count)
    {
        try
        {
            return await client.ReadOrIdleAsync(_connection.Keys, Queue, _settings.ConsumerName, count);
        }
        catch (RedisServerException e) when (e.Message.Contains("NOGROUP", StringComparison.Ordinal))
        {
            // The stream was deleted (a purge, or Redis restarted without its data): recreate it, and the subscriptions,
            // which went with the data (publishes would otherwise find no subscriber and count as sent).
            await client.EnsureGroupAsync(_stream, Group);
            await client.SubscribeAsync(_connection.Keys, Queue, _settings.Subscriptions);
            return [];
        }
    }

    async Task WaitForWork(CancellationToken cancellationToken)
    {
        var wake = _wake;
        var wait = _nextPromote - DateTime.UtcNow;
        if (wait > _settings.PollingInterval) wait = _settings.PollingInterval;
        if (wait > TimeSpan.Zero)
        {
            try { await wake.Task.WaitAsync(wait, cancellationToken); }
            catch (TimeoutException) { }
        }
        // A notification that arrived before this point completed 'wake' and is consumed here; one arriving later
        // completes the new source, so the next wait returns at once: no wake-up is lost.
        Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
    }

    async Task Handle(StreamEntry entry)
    {
        if (IsStopping)
        {
            await Release(entry);
            return;
        }
        var claim = _renewer.TryTrack(entry.Id);
        if (claim is null)
        {
            // Our own reclaim of an entry whose handler is still running here (its renewals failed for a whole lock
            // duration): the reclaim renewed the claim, and the running handler keeps the entry.
            LogContext.Debug?.Log("Already handling {EntryId} of {Queue}", entry.Id, Queue);
            return;
        }
        try
        {
            await Handle(entry, claim);
        }
        finally
        {
            _renewer.Forget(claim);
        }
    }

    async Task Handle(StreamEntry entry, ClaimRenewer.Claim claim)
    {
        RedisStreamsMetrics.Received(Queue, entry.Id);

        TransportMessage message;
        try
        {
            message = TransportMessage.FromEntry(entry);
        }
        catch (Exception exception)
        {
            await MoveToError(entry, TransportMessageOf(entry), "invalid-entry: " + exception.Message);
            return;
        }

        if (entry.DeliveryCount > _settings.MaxDeliveryCount)
        {
            await MoveToError(entry, message, "max-delivery-count");
            return;
        }
        if (entry.DeliveryCount > 1)
            RedisStreamsMetrics.Redelivered(Queue);
        if (message.IsExpired(DateTimeOffset.UtcNow))
        {
            await _connection.Client.AckAndDeleteAsync(_stream, Group, [entry.Id]);
            return;
        }

        var lockContext = new RedisStreamsReceiveLockContext(_context, entry, message, _renewer, claim, _acks);
        var context = new RedisStreamsReceiveContext(message, entry, _context, lockContext);
        claim.OnLost = context.Cancel;
        try
        {
            await Dispatch(entry.Id, context, lockContext);
        }
        catch (Exception exception)
        {
            context.LogTransportFaulted(exception);
        }
        finally
        {
            context.Dispose();
        }
    }

    /// <summary>Entries read while stopping are handed back to the group at once, for a peer (or the next start) to take.</summary>
    async Task Release(StreamEntry entry)
    {
        try
        {
            await _connection.Client.ReleaseAsync(_stream, Group, _settings.ConsumerName, entry.Id, _settings.LockDuration);
        }
        catch (Exception exception)
        {
            LogContext.Debug?.Log(exception, "Release on stop failed: {Queue} {EntryId}", Queue, entry.Id);
        }
    }

    async Task MoveToError(StreamEntry entry, TransportMessage message, string reason)
    {
        LogContext.Warning?.Log("Moving {EntryId} of {Queue} to its error stream: {Reason}", entry.Id, Queue, reason);
        var moved = message.WithHeaders([new(MessageHeaders.Reason, reason), new("MT-Delivery-Count", entry.DeliveryCount.ToString())]);
        await _connection.Client.MoveAsync(_connection.Keys, Queue, _settings.ConsumerName, entry.Id, Queue + RedisStreamsKeys.ErrorSuffix, moved.ToFields());
        RedisStreamsMetrics.Faulted(Queue);
    }

    static TransportMessage TransportMessageOf(StreamEntry entry) => new()
    {
        MessageId = entry[TransportMessage.MessageIdField] ?? "",
        ContentType = entry[TransportMessage.ContentTypeField],
        Headers = [],
        Body = entry[TransportMessage.BodyField] ?? "",
    };

    async Task ReportUnhealthy(Exception exception)
    {
        if (!_healthy && _backoff > TimeSpan.FromMilliseconds(100))
            return;
        _healthy = false;
        if (IsRedisFailure(exception))
            LogContext.Warning?.Log(exception, "Redis unavailable for {InputAddress}; retrying", _context.InputAddress);
        else
            LogContext.Error?.Log(exception, "Receive failed unexpectedly for {InputAddress}; retrying", _context.InputAddress);
        await _context.TransportObservers.NotifyFaulted(_context.InputAddress, exception);
    }

    TimeSpan NextBackoff()
    {
        var current = _backoff;
        _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
        return current;
    }

    static bool IsRedisFailure(Exception exception) =>
        exception is RedisException or TimeoutException or ObjectDisposedException;

    protected override async Task ActiveAndActualAgentsCompleted(StopContext context)
    {
        await base.ActiveAndActualAgentsCompleted(context);
        await _renewer.DisposeAsync();
        try
        {
            await _connection.Subscriber.UnsubscribeAsync(RedisChannel.Literal(_connection.Keys.Notify(Queue)));
            if (_settings.AutoDelete)
            {
                await _connection.Client.UnsubscribeAsync(_connection.Keys, Queue, _settings.Subscriptions);
                await _connection.Client.DeleteQueueAsync(_connection.Keys, Queue);
            }
        }
        catch (Exception exception) when (IsRedisFailure(exception))
        {
            // Temporary queues expire on their own (AutoDeleteAfter).
            LogContext.Debug?.Log(exception, "Clean-up on stop failed: {Queue}", Queue);
        }
        RedisStreamsMetrics.StopTracking(Queue);
        await _context.TransportObservers.NotifyCompleted(_context.InputAddress, this);
    }
}
