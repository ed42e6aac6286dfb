using System.Collections.Concurrent;
using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Keeps the claims of a receiver's in-flight entries alive with one sweep every quarter of the lock duration, instead
/// of one timer per message: an entry held for half the lock duration since its last renewal is claimed again, so a
/// peer's reclaim (after a full lock duration of idleness) never takes a message whose handler is still running.
/// Renewal stops after the maximum lock duration; a claim found taken marks the entry lost.
/// </summary>
internal sealed class ClaimRenewer : IAsyncDisposable
{
    readonly RedisStreamsReceiveEndpointContext _context;
    readonly ConcurrentDictionary<string, Claim> _claims = new();
    readonly CancellationTokenSource _stopping = new();
    readonly Task _loop;

    public ClaimRenewer(RedisStreamsReceiveEndpointContext context)
    {
        _context = context;
        _loop = Task.Run(Sweep);
    }

    RedisStreamsReceiveSettings Settings => _context.Settings;

    public sealed class Claim(string entryId)
    {
        public string EntryId { get; } = entryId;
        public DateTime Started { get; } = DateTime.UtcNow;
        public DateTime LastRenewed { get; set; } = DateTime.UtcNow;
        public volatile bool Lost;
    }

    public Claim Track(string entryId)
    {
        var claim = new Claim(entryId);
        _claims[entryId] = claim;
        return claim;
    }

    public void Forget(Claim claim) => _claims.TryRemove(new KeyValuePair<string, Claim>(claim.EntryId, claim));

    async Task Sweep()
    {
        var every = TimeSpan.FromTicks(Settings.LockDuration.Ticks / 4);
        var renewAfter = TimeSpan.FromTicks(Settings.LockDuration.Ticks / 2);
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var now = DateTime.UtcNow;
                foreach (var claim in _claims.Values)
                {
                    if (now - claim.LastRenewed < renewAfter || now - claim.Started >= Settings.MaxLockDuration || claim.Lost)
                        continue;
                    await Renew(claim);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task Renew(Claim claim)
    {
        var queue = Settings.QueueName;
        try
        {
            if (await _context.Connection.Client.RenewIfOwnedAsync(_context.Connection.Keys.Stream(queue), RedisStreamsKeys.Group(queue),
                    Settings.ConsumerName, claim.EntryId))
                claim.LastRenewed = DateTime.UtcNow;
            else
            {
                LogContext.Warning?.Log("Lock lost: {Queue} {EntryId}", queue, claim.EntryId);
                claim.Lost = true;
            }
        }
        catch (Exception e)
        {
            // Redis away for a moment: the claim is still ours until a peer takes it; try again at the next sweep.
            LogContext.Debug?.Log(e, "Lock renewal failed: {Queue} {EntryId}", queue, claim.EntryId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
