using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>
/// Every Redis call of the transport, in one place: StackExchange.Redis's typed stream API where a call is one command
/// (its replies parse the same over RESP2 and RESP3), Lua scripts where steps must be atomic (script replies follow RESP2
/// rules whatever the connection speaks). No command blocks (no <c>XREADGROUP BLOCK</c>): the multiplexer is shared, and a
/// blocking call would stall every other caller behind it.
/// </summary>
internal sealed class RedisStreamsClient(IDatabase database)
{
    public IConnectionMultiplexer Multiplexer => database.Multiplexer;

    // Acknowledge and delete in one step, so that a stream's length is its backlog (queue semantics).
    const string AckAndDeleteScript = """
        local acked = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
        redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
        return acked
        """;

    // SCRIPT LOAD + EVALSHA, retried once on NOSCRIPT: a restarted Redis with an empty script cache is transparent.
    Task<RedisResult> Evaluate(string script, RedisKey[] keys, RedisValue[] args) => database.ScriptEvaluateAsync(script, keys, args);

    /// <summary>XADD; returns the new entry's id.</summary>
    public async Task<string> AddAsync(string stream, IEnumerable<KeyValuePair<string, string>> fields) =>
        (await database.StreamAddAsync(stream, fields.Select(f => new NameValueEntry(f.Key, f.Value)).ToArray())).ToString();

    /// <summary>Creates the group (and the stream) unless it exists; safe to call on every start or reconnect.</summary>
    public async Task EnsureGroupAsync(string stream, string group, string startId = "0")
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(stream, group, startId, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>XREADGROUP of new entries (<c>&gt;</c>) for one consumer, without blocking.</summary>
    public async Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(string stream, string group, string consumer, int count) =>
        FromTyped(await database.StreamReadGroupAsync(stream, group, consumer, ">", count));

    /// <summary>XREADGROUP that leaves the consumer in the queue's idle set when nothing was new (see the ReadOrIdle script).</summary>
    public async Task<IReadOnlyList<StreamEntry>> ReadOrIdleAsync(RedisStreamsKeys keys, string queue, string consumer, int count) =>
        ParseRead(await Evaluate(RedisStreamsScripts.ReadOrIdle, [keys.Stream(queue), keys.Idle(queue)], [RedisStreamsKeys.Group(queue), consumer, count]));

    static IReadOnlyList<StreamEntry> ParseRead(RedisResult reply)
    {
        if (reply.IsNull)
            return [];
        // [[stream, [entry, …]]]
        var streams = (RedisResult[])reply!;
        return streams.Length == 0 ? [] : ParseEntries((RedisResult[])((RedisResult[])streams[0]!)[1]!);
    }

    static List<StreamEntry> FromTyped(StackExchange.Redis.StreamEntry[] entries)
    {
        var result = new List<StreamEntry>(entries.Length);
        foreach (var entry in entries)
            // A claimed entry deleted meanwhile comes back without fields; there is nothing left to deliver.
            if (!entry.IsNull)
                result.Add(new StreamEntry(entry.Id.ToString(), entry.Values.Select(v => new KeyValuePair<string, string>(v.Name.ToString(), v.Value.ToString())).ToList()));
        return result;
    }

    /// <summary>Acknowledges and deletes entries; returns how many were pending for the group.</summary>
    public async Task<long> AckAndDeleteAsync(string stream, string group, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
            return 0;
        var args = new RedisValue[ids.Count + 1];
        args[0] = group;
        var i = 1;
        foreach (var id in ids) args[i++] = id;
        return (long)await Evaluate(AckAndDeleteScript, [stream], args);
    }

    /// <summary>
    /// XAUTOCLAIM: takes over entries another consumer has held for longer than <paramref name="minIdle"/>
    /// (a crashed replica). Returns the claimed entries and the cursor to continue from ("0-0" when done).
    /// </summary>
    public async Task<(IReadOnlyList<StreamEntry> Entries, string Next)> AutoClaimAsync(string stream, string group, string consumer,
        TimeSpan minIdle, string start = "0-0", int count = 100)
    {
        var reply = await database.StreamAutoClaimAsync(stream, group, consumer, (long)minIdle.TotalMilliseconds, start, count);
        return (FromTyped(reply.ClaimedEntries), reply.NextStartId.ToString());
    }

    public async Task<PendingSummary> PendingAsync(string stream, string group)
    {
        var info = await database.StreamPendingAsync(stream, group);
        return new PendingSummary(info.PendingMessageCount, info.LowestPendingMessageId.IsNull ? null : info.LowestPendingMessageId.ToString(),
            info.Consumers.ToDictionary(c => c.Name.ToString(), c => (long)c.PendingMessageCount));
    }

    /// <summary>Adds a message to a queue, or to its delayed set when <paramref name="delay"/> is positive.</summary>
    public async Task SendAsync(RedisStreamsKeys keys, string queue, IReadOnlyList<KeyValuePair<string, string>> fields, TimeSpan delay)
    {
        var args = new List<RedisValue>(fields.Count * 2 + 3) { keys.Notify(queue), DelayMs(delay), Guid.NewGuid().ToString("N") };
        AddFields(args, fields);
        await Evaluate(RedisStreamsScripts.Send, [keys.Stream(queue), keys.Delayed(queue)], args.ToArray());
    }

    /// <summary>Fans a message out to every queue subscribed to any of <paramref name="entityNames"/>; returns how many.</summary>
    public async Task<long> PublishAsync(RedisStreamsKeys keys, IReadOnlyCollection<string> entityNames,
        IReadOnlyList<KeyValuePair<string, string>> fields, TimeSpan delay)
    {
        var args = new List<RedisValue>(fields.Count * 2 + 3) { keys.Prefix, DelayMs(delay), Guid.NewGuid().ToString("N") };
        AddFields(args, fields);
        var subscriberSets = entityNames.Select(name => (RedisKey)keys.Subscribers(name)).ToArray();
        return (long)await Evaluate(RedisStreamsScripts.Publish, subscriberSets, args.ToArray());
    }

    /// <summary>Moves due delayed entries into the queue. Returns how many, and how long until the next one is due.</summary>
    public async Task<(long Moved, TimeSpan? NextDue)> PromoteAsync(RedisStreamsKeys keys, string queue, int limit)
    {
        var reply = (RedisResult[])(await Evaluate(RedisStreamsScripts.Promote,
            [keys.Delayed(queue), keys.Stream(queue)], [limit, keys.Notify(queue)]))!;
        var wait = (long)reply[1];
        return ((long)reply[0], wait < 0 ? null : TimeSpan.FromMilliseconds(wait));
    }

    /// <summary>
    /// Replaces a pending entry by a new version due after <paramref name="delay"/>; false if <paramref name="consumer"/>
    /// no longer owns it (a peer took it over, or it was acknowledged).
    /// </summary>
    public async Task<bool> RedeliverAsync(RedisStreamsKeys keys, string queue, string consumer, string entryId,
        IReadOnlyList<KeyValuePair<string, string>> fields, TimeSpan delay)
    {
        var args = new List<RedisValue>(fields.Count * 2 + 5) { RedisStreamsKeys.Group(queue), consumer, entryId, DelayMs(delay), Guid.NewGuid().ToString("N") };
        AddFields(args, fields);
        return (long)await Evaluate(RedisStreamsScripts.Redeliver, [keys.Stream(queue), keys.Delayed(queue)], args.ToArray()) == 1;
    }

    /// <summary>
    /// Moves a pending entry of <paramref name="queue"/> to another stream (its error or skipped stream), in one step;
    /// false if <paramref name="consumer"/> no longer owns it.
    /// </summary>
    public async Task<bool> MoveAsync(RedisStreamsKeys keys, string queue, string consumer, string entryId, string targetQueue,
        IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var args = new List<RedisValue>(fields.Count * 2 + 3) { RedisStreamsKeys.Group(queue), consumer, entryId };
        AddFields(args, fields);
        return (long)await Evaluate(RedisStreamsScripts.Move, [keys.Stream(queue), keys.Stream(targetQueue)], args.ToArray()) == 1;
    }

    /// <summary>
    /// Claims entries idle longer than <paramref name="minIdle"/> (their consumer crashed), with their delivery counts,
    /// scanning from <paramref name="cursor"/>; returns where the next call continues ("0-0" once the scan wrapped).
    /// </summary>
    public async Task<(IReadOnlyList<StreamEntry> Entries, string Next)> ReclaimAsync(string stream, string group, string consumer,
        TimeSpan minIdle, int count, string cursor = "0-0")
    {
        var reply = (RedisResult[])(await Evaluate(RedisStreamsScripts.Reclaim, [stream],
            [group, consumer, (long)minIdle.TotalMilliseconds, count, cursor]))!;
        var claimed = (RedisResult[])reply[1]!;
        var entries = new List<StreamEntry>(claimed.Length);
        foreach (var item in claimed.Select(r => (RedisResult[])r!))
            entries.Add(ParseEntry((string)item[0]!, (RedisResult[])item[1]!) with { DeliveryCount = (long)item[2] });
        return (entries, (string)reply[0]!);
    }

    /// <summary>Renews this consumer's claims on entries it still owns, in one call; returns the ids it no longer owns.</summary>
    public async Task<IReadOnlyList<string>> RenewOwnedAsync(string stream, string group, string consumer, IReadOnlyCollection<string> entryIds)
    {
        if (entryIds.Count == 0)
            return [];
        var args = new RedisValue[entryIds.Count + 2];
        args[0] = group;
        args[1] = consumer;
        var i = 2;
        foreach (var id in entryIds) args[i++] = id;
        var lost = (RedisResult[])(await Evaluate(RedisStreamsScripts.Renew, [stream], args))!;
        return lost.Select(r => (string)r!).ToList();
    }

    /// <summary>
    /// Records <paramref name="consumer"/>'s heartbeat and deletes the group's other consumers that hold nothing and sent no
    /// heartbeat for <paramref name="minIdle"/>.
    /// </summary>
    public async Task<long> PruneConsumersAsync(RedisStreamsKeys keys, string queue, string consumer, TimeSpan minIdle) =>
        (long)await Evaluate(RedisStreamsScripts.PruneConsumers, [keys.Stream(queue), keys.Heartbeats(queue)],
            [RedisStreamsKeys.Group(queue), consumer, (long)minIdle.TotalMilliseconds]);

    /// <summary>How many of the queue's consumers sent a heartbeat within <paramref name="within"/>.</summary>
    public async Task<long> LiveConsumersAsync(RedisStreamsKeys keys, string queue, TimeSpan within) =>
        (long)await Evaluate(RedisStreamsScripts.LiveConsumers, [keys.Heartbeats(queue)], [(long)within.TotalMilliseconds]);

    /// <summary>Hands an entry back so that any replica reclaims it immediately.</summary>
    public async Task ReleaseAsync(string stream, string group, string consumer, string entryId, TimeSpan lockDuration) =>
        await Evaluate(RedisStreamsScripts.Release, [stream], [group, consumer, (long)lockDuration.TotalMilliseconds + 1, entryId]);

    /// <summary>Moves entries of one stream (an error stream) back into a queue with new fields; returns how many were still there.</summary>
    public async Task<long> ReplayPageAsync(RedisStreamsKeys keys, string fromQueue, string toQueue,
        IReadOnlyList<(string Id, IReadOnlyList<KeyValuePair<string, string>> Fields)> entries)
    {
        var args = new List<RedisValue> { keys.Notify(toQueue) };
        foreach (var (id, fields) in entries)
        {
            args.Add(id);
            args.Add(fields.Count * 2);
            AddFields(args, fields);
        }
        return (long)await Evaluate(RedisStreamsScripts.ReplayPage, [keys.Stream(fromQueue), keys.Stream(toQueue)], args.ToArray());
    }

    public async Task SubscribeAsync(RedisStreamsKeys keys, string queue, IEnumerable<string> entityNames)
    {
        foreach (var entity in entityNames)
            await database.SetAddAsync(keys.Subscribers(entity), queue);
        await database.SetAddAsync(keys.Queues, queue);
    }

    public async Task UnsubscribeAsync(RedisStreamsKeys keys, string queue, IEnumerable<string> entityNames)
    {
        foreach (var entity in entityNames)
            await database.SetRemoveAsync(keys.Subscribers(entity), queue);
        await database.SetRemoveAsync(keys.Queues, queue);
    }

    public async Task<IReadOnlyList<string>> QueuesAsync(RedisStreamsKeys keys) =>
        (await database.SetMembersAsync(keys.Queues)).Select(v => (string)v!).OrderBy(q => q, StringComparer.Ordinal).ToList();

    /// <summary>Deletes a queue's stream and delayed set (a purge on start-up, or a temporary endpoint that stopped).</summary>
    public Task DeleteQueueAsync(RedisStreamsKeys keys, string queue) =>
        database.KeyDeleteAsync([keys.Stream(queue), keys.Delayed(queue), keys.Idle(queue), keys.Heartbeats(queue)]);

    /// <summary>Lets a temporary queue's keys expire if its process dies without cleaning up.</summary>
    public async Task ExpireQueueAsync(RedisStreamsKeys keys, string queue, TimeSpan after)
    {
        await database.KeyExpireAsync(keys.Stream(queue), after);
        await database.KeyExpireAsync(keys.Delayed(queue), after);
        await database.KeyExpireAsync(keys.Idle(queue), after);
        await database.KeyExpireAsync(keys.Heartbeats(queue), after);
    }

    public async Task<long> DelayedCountAsync(RedisStreamsKeys keys, string queue) => await database.SortedSetLengthAsync(keys.Delayed(queue));

    /// <summary>XRANGE from the oldest entry: at most <paramref name="count"/> entries.</summary>
    public async Task<IReadOnlyList<StreamEntry>> RangeAsync(string stream, int count, string start = "-") =>
        FromTyped(await database.StreamRangeAsync(stream, start, "+", count));

    public async Task<bool> DeleteEntryAsync(string stream, string id) => await database.StreamDeleteAsync(stream, [id]) == 1;

    /// <summary>XINFO CONSUMERS: each consumer's name, pending count and idle time.</summary>
    public async Task<IReadOnlyList<(string Name, long Pending, TimeSpan Idle)>> ConsumersAsync(string stream, string group)
    {
        try
        {
            var consumers = await database.StreamConsumerInfoAsync(stream, group);
            return consumers.Select(c => ((string)c.Name, (long)c.PendingMessageCount, TimeSpan.FromMilliseconds(c.IdleTimeInMilliseconds))).ToList();
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal) || e.Message.StartsWith("ERR no such key", StringComparison.Ordinal))
        {
            return [];
        }
    }

    static long DelayMs(TimeSpan delay) => delay > TimeSpan.Zero ? Math.Max(1, (long)delay.TotalMilliseconds) : 0;

    static void AddFields(List<RedisValue> args, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        foreach (var (key, value) in fields)
        {
            args.Add(key);
            args.Add(value);
        }
    }

    public async Task<long> LengthAsync(string stream) => await database.StreamLengthAsync(stream);

    static List<StreamEntry> ParseEntries(RedisResult[] entries)
    {
        var result = new List<StreamEntry>(entries.Length);
        foreach (var entry in entries.Select(r => (RedisResult[])r!))
        {
            // A claimed entry deleted meanwhile comes back with null fields; there is nothing left to deliver.
            if (entry[1].IsNull)
                continue;
            result.Add(ParseEntry((string)entry[0]!, (RedisResult[])entry[1]!));
        }
        return result;
    }

    static StreamEntry ParseEntry(string id, RedisResult[] raw)
    {
        var fields = new List<KeyValuePair<string, string>>(raw.Length / 2);
        for (var i = 0; i + 1 < raw.Length; i += 2)
            fields.Add(new((string)raw[i]!, (string)raw[i + 1]!));
        return new StreamEntry(id, fields);
    }
}
