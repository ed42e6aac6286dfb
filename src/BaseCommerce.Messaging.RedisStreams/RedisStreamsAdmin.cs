using System.Globalization;
using BaseCommerce.Messaging.RedisStreams.Transport;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>One receive endpoint as operators see it.</summary>
/// <param name="Backlog">Entries in the queue, including those being handled (acknowledged entries are deleted).</param>
/// <param name="Pending">Entries delivered to a consumer and not yet acknowledged.</param>
/// <param name="Consumers">
/// Live consumers: those whose heartbeat (every claim interval) is under a minute old. Redis's own list of a group's
/// consumers misses a live one that has not received anything yet, and keeps an ended one until it is pruned.
/// </param>
/// <param name="OldestAge">How long the oldest entry has been waiting; null when the queue is empty.</param>
public sealed record EndpointStats(string Queue, long Backlog, long Pending, int Consumers, TimeSpan? OldestAge, long Errors, long Skipped, long Delayed);

/// <summary>An entry of an error (or skipped) stream.</summary>
public sealed record DeadLetter(string Id, string MessageId, DateTimeOffset MovedAt, string? Reason, string? ExceptionType, string? FaultMessage,
    IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// The operations side of the transport (<c>basec streams</c>, <c>basec dlq</c>): endpoint statistics, and listing,
/// replaying and purging the <c>_error</c> and <c>_skipped</c> streams.
/// </summary>
public sealed class RedisStreamsAdmin(IConnectionMultiplexer redis, string keyPrefix)
{
    readonly RedisStreamsClient _client = new(redis.GetDatabase());
    readonly RedisStreamsKeys _keys = new(keyPrefix);

    public async Task<IReadOnlyList<EndpointStats>> EndpointsAsync()
    {
        var result = new List<EndpointStats>();
        foreach (var queue in await _client.QueuesAsync(_keys))
        {
            var stream = _keys.Stream(queue);
            var consumers = await _client.ConsumersAsync(stream, RedisStreamsKeys.Group(queue));
            var live = await _client.LiveConsumersAsync(_keys, queue, TimeSpan.FromMinutes(1));
            var oldest = (await _client.RangeAsync(stream, 1)).FirstOrDefault();
            result.Add(new EndpointStats(queue,
                await _client.LengthAsync(stream),
                consumers.Sum(c => c.Pending),
                (int)live,
                oldest is null ? null : DateTimeOffset.UtcNow - AddedAt(oldest.Id),
                await _client.LengthAsync(_keys.Stream(queue + RedisStreamsKeys.ErrorSuffix)),
                await _client.LengthAsync(_keys.Stream(queue + RedisStreamsKeys.SkippedSuffix)),
                await _client.DelayedCountAsync(_keys, queue)));
        }
        return result;
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string queue, int count = 50, bool skipped = false) =>
        (await _client.RangeAsync(_keys.Stream(DeadLetterQueue(queue, skipped)), count)).Select(ToDeadLetter).ToList();

    public async Task<DeadLetter?> ShowAsync(string queue, string id, bool skipped = false) =>
        (await _client.RangeAsync(_keys.Stream(DeadLetterQueue(queue, skipped)), 1, id)).Where(e => e.Id == id).Select(ToDeadLetter).FirstOrDefault();

    /// <summary>
    /// Moves up to <paramref name="count"/> entries, oldest first, back into the queue with their message ids, a page at a
    /// time. A replay is a fresh start: the time to live and the redelivery count the entry had are dropped (it would
    /// otherwise vanish unconsumed if it expired meanwhile, or come back with its retry budget spent).
    /// </summary>
    public async Task<long> ReplayAsync(string queue, int count = int.MaxValue, bool skipped = false)
    {
        const int PageSize = 100;
        var source = DeadLetterQueue(queue, skipped);
        long moved = 0;
        while (moved < count)
        {
            var page = await _client.RangeAsync(_keys.Stream(source), (int)Math.Min(PageSize, count - moved));
            if (page.Count == 0)
                break;
            moved += await _client.ReplayPageAsync(_keys, source, queue, page.Select(e => (e.Id, ReplayFields(e))).ToList());
        }
        return moved;
    }

    static IReadOnlyList<KeyValuePair<string, string>> ReplayFields(StreamEntry entry)
    {
        try
        {
            return RedeliveryCount.Reset(TransportMessage.FromEntry(entry)).ToFields();
        }
        catch (System.Text.Json.JsonException)
        {
            // Unreadable headers: put it back as it was, for the receiver to dead-letter with the reason.
            return entry.Fields;
        }
    }

    /// <summary>Deletes the error (or skipped) stream; returns how many entries it held.</summary>
    public async Task<long> PurgeAsync(string queue, bool skipped = false)
    {
        var stream = _keys.Stream(DeadLetterQueue(queue, skipped));
        var length = await _client.LengthAsync(stream);
        await redis.GetDatabase().KeyDeleteAsync(stream);
        return length;
    }

    public async Task<bool> IsKnownAsync(string queue) => (await _client.QueuesAsync(_keys)).Contains(queue);

    static string DeadLetterQueue(string queue, bool skipped) => queue + (skipped ? RedisStreamsKeys.SkippedSuffix : RedisStreamsKeys.ErrorSuffix);

    static DeadLetter ToDeadLetter(StreamEntry entry)
    {
        var message = TransportMessage.FromEntry(entry);
        return new DeadLetter(entry.Id, message.MessageId, AddedAt(entry.Id),
            message.Headers.GetValueOrDefault("MT-Reason"),
            message.Headers.GetValueOrDefault("MT-Fault-ExceptionType"),
            message.Headers.GetValueOrDefault("MT-Fault-Message"),
            message.Headers, message.Body);
    }

    static DateTimeOffset AddedAt(string entryId) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(entryId.AsSpan(0, entryId.IndexOf('-')), CultureInfo.InvariantCulture));
}
