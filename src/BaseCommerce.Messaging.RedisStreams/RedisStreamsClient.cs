using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>
/// Every Redis call of the transport, in one place. StackExchange.Redis 1.2.6 (the only version our registry
/// restores) has no typed stream API, so commands go through <c>ExecuteAsync</c> and replies are parsed here;
/// a later upgrade to 2.x changes this file only. No command blocks (no <c>XREADGROUP BLOCK</c>): the
/// multiplexer is shared, and a blocking call would stall every other caller behind it.
/// </summary>
internal sealed class RedisStreamsClient(IDatabase database)
{
    // Acknowledge and delete in one step, so that a stream's length is its backlog (queue semantics).
    const string AckAndDeleteScript = """
        local acked = redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
        redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
        return acked
        """;

    /// <summary>XADD; returns the new entry's id.</summary>
    public async Task<string> AddAsync(string stream, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var args = new List<object> { stream, "*" };
        foreach (var (key, value) in fields) { args.Add(key); args.Add(value); }
        return (string)(await database.ExecuteAsync("XADD", args.ToArray()))!;
    }

    /// <summary>Creates the group (and the stream) unless it exists; safe to call on every start or reconnect.</summary>
    public async Task EnsureGroupAsync(string stream, string group, string startId = "0")
    {
        try
        {
            await database.ExecuteAsync("XGROUP", "CREATE", stream, group, startId, "MKSTREAM");
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }
    }

    /// <summary>XREADGROUP of new entries (<c>&gt;</c>) for one consumer, without blocking.</summary>
    public async Task<IReadOnlyList<StreamEntry>> ReadGroupAsync(string stream, string group, string consumer, int count)
    {
        var reply = await database.ExecuteAsync("XREADGROUP", "GROUP", group, consumer, "COUNT", count, "STREAMS", stream, ">");
        if (reply.IsNull)
            return [];
        // [[stream, [entry, …]]]
        var streams = (RedisResult[])reply!;
        return streams.Length == 0 ? [] : ParseEntries((RedisResult[])((RedisResult[])streams[0]!)[1]!);
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
        return (long)await database.ScriptEvaluateAsync(AckAndDeleteScript, [stream], args);
    }

    /// <summary>
    /// XAUTOCLAIM: takes over entries another consumer has held for longer than <paramref name="minIdle"/>
    /// (a crashed replica). Returns the claimed entries and the cursor to continue from ("0-0" when done).
    /// </summary>
    public async Task<(IReadOnlyList<StreamEntry> Entries, string Next)> AutoClaimAsync(string stream, string group, string consumer,
        TimeSpan minIdle, string start = "0-0", int count = 100)
    {
        var reply = (RedisResult[])(await database.ExecuteAsync("XAUTOCLAIM", stream, group, consumer,
            (long)minIdle.TotalMilliseconds, start, "COUNT", count))!;
        return (ParseEntries((RedisResult[])reply[1]!), (string)reply[0]!);
    }

    /// <summary>Resets the idle time of entries this consumer holds, so a long handler is not reclaimed.</summary>
    public async Task RenewAsync(string stream, string group, string consumer, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
            return;
        var args = new List<object> { stream, group, consumer, 0 };
        args.AddRange(ids);
        args.Add("JUSTID");
        await database.ExecuteAsync("XCLAIM", args.ToArray());
    }

    public async Task<PendingSummary> PendingAsync(string stream, string group)
    {
        // [count, smallest id, greatest id, [[consumer, count], …]]
        var reply = (RedisResult[])(await database.ExecuteAsync("XPENDING", stream, group))!;
        var perConsumer = new Dictionary<string, long>();
        if (!reply[3].IsNull)
            foreach (RedisResult[] pair in (RedisResult[])reply[3]!)
                perConsumer[(string)pair[0]!] = long.Parse((string)pair[1]!);
        return new PendingSummary((long)reply[0], reply[1].IsNull ? null : (string)reply[1]!, perConsumer);
    }

    public async Task<long> LengthAsync(string stream) => (long)await database.ExecuteAsync("XLEN", stream);

    static List<StreamEntry> ParseEntries(RedisResult[] entries)
    {
        var result = new List<StreamEntry>(entries.Length);
        foreach (RedisResult[] entry in entries)
        {
            // A claimed entry deleted meanwhile comes back with null fields; there is nothing left to deliver.
            if (entry[1].IsNull)
                continue;
            var raw = (RedisResult[])entry[1]!;
            var fields = new List<KeyValuePair<string, string>>(raw.Length / 2);
            for (var i = 0; i + 1 < raw.Length; i += 2)
                fields.Add(new((string)raw[i]!, (string)raw[i + 1]!));
            result.Add(new StreamEntry((string)entry[0]!, fields));
        }
        return result;
    }
}
