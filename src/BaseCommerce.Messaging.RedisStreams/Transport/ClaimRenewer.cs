using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Keeps the claims of a receiver's in-flight entries alive: every sixth of the lock duration, one call renews every claim
/// idle for a third of it. A peer reclaims only after a whole lock duration of idleness, so a claim survives a renewal that
/// fails or stalls once or twice. A claim found taken (a stall longer than the lock duration) is marked lost and its handler
/// cancelled: the new owner handles the entry, and the old one must not acknowledge, redeliver or dead-letter it.
/// Renewal stops after the maximum lock duration. Times are monotonic (a wall-clock jump neither renews nor expires a claim).
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
        public long Started { get; } = Stopwatch.GetTimestamp();
        public long LastRenewed { get; set; } = Stopwatch.GetTimestamp();
        public volatile bool Lost;

        /// <summary>Called once when the claim is found taken: cancels the handler.</summary>
        public Action? OnLost { get; set; }
    }

    /// <summary>
    /// Starts tracking an entry; null when this receiver is already handling it (its own reclaim of an entry whose
    /// renewals failed): the running handler keeps it, and the second copy is not dispatched.
    /// </summary>
    public Claim? TryTrack(string entryId)
    {
        var claim = new Claim(entryId);
        return _claims.TryAdd(entryId, claim) ? claim : null;
    }

    public void Forget(Claim claim) => _claims.TryRemove(new KeyValuePair<string, Claim>(claim.EntryId, claim));

    async Task Sweep()
    {
        var every = TimeSpan.FromTicks(Settings.LockDuration.Ticks / 6);
        var renewAfter = TimeSpan.FromTicks(Settings.LockDuration.Ticks / 3);
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var due = _claims.Values
                    .Where(c => !c.Lost && Stopwatch.GetElapsedTime(c.LastRenewed) >= renewAfter
                        && Stopwatch.GetElapsedTime(c.Started) < Settings.MaxLockDuration)
                    .ToList();
                if (due.Count > 0)
                    await Renew(due);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task Renew(List<Claim> claims)
    {
        var queue = Settings.QueueName;
        var renewedAt = Stopwatch.GetTimestamp();
        try
        {
            var lost = await _context.Connection.Client.RenewOwnedAsync(_context.Connection.Keys.Stream(queue), RedisStreamsKeys.Group(queue),
                Settings.ConsumerName, claims.ConvertAll(c => c.EntryId));
            var lostIds = lost.ToHashSet(StringComparer.Ordinal);
            foreach (var claim in claims)
            {
                if (!lostIds.Contains(claim.EntryId))
                {
                    claim.LastRenewed = renewedAt;
                    continue;
                }
                // Settled meanwhile (acknowledged between the snapshot and the call): not a loss.
                if (!_claims.TryGetValue(claim.EntryId, out var current) || current != claim)
                    continue;
                LogContext.Warning?.Log("Lock lost: {Queue} {EntryId}; cancelling its handler", queue, claim.EntryId);
                claim.Lost = true;
                try { claim.OnLost?.Invoke(); }
                catch (Exception e) { LogContext.Debug?.Log(e, "Cancelling the handler of {EntryId} failed", claim.EntryId); }
            }
        }
        catch (Exception e)
        {
            // Redis away for a moment: the claims are still ours until a peer takes them; try again at the next sweep.
            LogContext.Debug?.Log(e, "Lock renewal failed: {Queue} ({Count} entries)", queue, claims.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }
}
