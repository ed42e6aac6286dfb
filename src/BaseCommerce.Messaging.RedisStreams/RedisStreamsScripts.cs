namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>
/// The Lua scripts of the transport. Each one is a single atomic step on the server, which is what makes fan-out
/// all-or-nothing and moves between streams free of a window where a message is in both or neither.
/// Times come from the server's clock (<c>TIME</c>), so replicas with skewed clocks agree on when a delay ends.
/// </summary>
internal static class RedisStreamsScripts
{
    const string Now = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        """ + "\n";

    /// <summary>KEYS: stream, delayed set. ARGV: notify channel, delay ms, nonce, fields…</summary>
    public const string Send = Now + """
        local delay = tonumber(ARGV[2])
        if delay > 0 then
          local fields = {ARGV[3]}
          for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
          redis.call('ZADD', KEYS[2], now + delay, cjson.encode(fields))
          return 0
        end
        redis.call('XADD', KEYS[1], '*', unpack(ARGV, 4))
        if redis.call('SCARD', KEYS[1] .. ':idle') > 0 then
          redis.call('DEL', KEYS[1] .. ':idle')
          redis.call('PUBLISH', ARGV[1], '1')
        end
        return 1
        """;

    /// <summary>
    /// KEYS: stream, idle set. ARGV: group, consumer, count. Reads new entries; a consumer that finds none stays in the
    /// queue's idle set, and only then do senders PUBLISH a wake-up (and empty the set). Marking and reading in one
    /// script leaves no gap in which an entry could arrive unannounced, while a busy queue costs no notification.
    /// </summary>
    public const string ReadOrIdle = """
        redis.call('SADD', KEYS[2], ARGV[2])
        local reply = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
        if reply and #reply > 0 and #reply[1][2] > 0 then
          redis.call('SREM', KEYS[2], ARGV[2])
        end
        return reply
        """;

    /// <summary>
    /// KEYS: the subscriber sets of every message type the message carries. ARGV: key prefix, delay ms, nonce, fields…
    /// The union deduplicates, so an endpoint subscribed to both a type and its interface gets one copy. Every target is
    /// checked before the first write, so a bad key fails the whole publish instead of half of it.
    /// </summary>
    public const string Publish = Now + """
        local queues = redis.call('SUNION', unpack(KEYS))
        if #queues == 0 then return 0 end
        for _, q in ipairs(queues) do
          local kind = redis.call('TYPE', ARGV[1] .. 'q:' .. q)['ok']
          if kind ~= 'stream' and kind ~= 'none' then
            return redis.error_reply('WRONGTYPE queue ' .. q .. ' is a ' .. kind)
          end
        end
        local delay = tonumber(ARGV[2])
        local member
        if delay > 0 then
          local fields = {ARGV[3]}
          for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
          member = cjson.encode(fields)
        end
        for _, q in ipairs(queues) do
          local stream = ARGV[1] .. 'q:' .. q
          if delay > 0 then
            redis.call('ZADD', stream .. ':delayed', now + delay, member)
          else
            redis.call('XADD', stream, '*', unpack(ARGV, 4))
            if redis.call('SCARD', stream .. ':idle') > 0 then
              redis.call('DEL', stream .. ':idle')
              redis.call('PUBLISH', stream .. ':notify', '1')
            end
          end
        end
        return #queues
        """;

    /// <summary>
    /// KEYS: delayed set, stream. ARGV: limit, notify channel. Moves due entries into the stream; returns
    /// {moved, ms until the next one is due or -1}.
    /// </summary>
    public const string Promote = Now + """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
        for _, member in ipairs(due) do
          local fields = cjson.decode(member)
          redis.call('XADD', KEYS[2], '*', unpack(fields, 2))
          redis.call('ZREM', KEYS[1], member)
        end
        if #due > 0 then redis.call('PUBLISH', ARGV[2], '1') end
        local nextDue = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        local wait = -1
        if #nextDue > 0 then wait = math.max(0, tonumber(nextDue[2]) - now) end
        return {#due, wait}
        """;

    // XPENDING of one id, restricted to one consumer: empty unless that consumer still holds the entry. A replica whose
    // claim was taken (a stall longer than the lock duration) must not act on an entry its new owner is handling.
    const string Owned = """
        local function owned(stream, group, consumer, id)
          return #redis.call('XPENDING', stream, group, id, id, 1, consumer) > 0
        end
        """ + "\n";

    /// <summary>
    /// KEYS: stream, delayed set. ARGV: group, consumer, entry id, delay ms, nonce, fields… Takes the entry out of the
    /// stream and schedules its new version, only while this consumer still owns it; returns 0 otherwise.
    /// </summary>
    public const string Redeliver = Now + Owned + """
        if not owned(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) then return 0 end
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
        redis.call('XDEL', KEYS[1], ARGV[3])
        local fields = {ARGV[5]}
        for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
        redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), cjson.encode(fields))
        return 1
        """;

    /// <summary>
    /// KEYS: source stream, target stream. ARGV: group, consumer, entry id, fields… Moves an entry (to an error or skipped
    /// stream) in one step, only while this consumer still owns it; returns 0 otherwise.
    /// </summary>
    public const string Move = Owned + """
        if not owned(KEYS[1], ARGV[1], ARGV[2], ARGV[3]) then return 0 end
        redis.call('XADD', KEYS[2], '*', unpack(ARGV, 4))
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[3])
        redis.call('XDEL', KEYS[1], ARGV[3])
        return 1
        """;

    /// <summary>
    /// KEYS: stream. ARGV: group, consumer, min idle ms, count, cursor. XAUTOCLAIM plus each entry's delivery count
    /// (XPENDING), in one round trip; ids whose entries were deleted meanwhile are dropped from the pending list. Returns
    /// {next cursor, {{id, fields, count}, …}}: XAUTOCLAIM looks at only ten times COUNT pending entries per call, so an
    /// abandoned entry behind many live ones is found only by continuing from the cursor.
    /// </summary>
    public const string Reclaim = """
        local r = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[5], 'COUNT', ARGV[4])
        local out = {}
        for _, e in ipairs(r[2]) do
          if e and e[2] then
            local p = redis.call('XPENDING', KEYS[1], ARGV[1], e[1], e[1], 1)
            local count = 1
            if p[1] then count = p[1][4] end
            out[#out + 1] = {e[1], e[2], count}
          end
        end
        if r[3] and #r[3] > 0 then redis.call('XACK', KEYS[1], ARGV[1], unpack(r[3])) end
        return {r[1], out}
        """;

    /// <summary>
    /// KEYS: stream. ARGV: group, consumer, entry ids… Resets the idle time of the entries this consumer still owns, in
    /// one call; returns the ids it no longer owns (taken by a peer, or deleted).
    /// </summary>
    public const string Renew = Owned + """
        local mine, lost = {}, {}
        for i = 3, #ARGV do
          if owned(KEYS[1], ARGV[1], ARGV[2], ARGV[i]) then mine[#mine + 1] = ARGV[i] else lost[#lost + 1] = ARGV[i] end
        end
        if #mine > 0 then
          local args = {'XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0}
          for _, id in ipairs(mine) do args[#args + 1] = id end
          args[#args + 1] = 'JUSTID'
          redis.call(unpack(args))
        end
        return lost
        """;

    /// <summary>
    /// KEYS: stream. ARGV: group, consumer, idle ms, entry id. Gives an entry back to the group (as if idle for
    /// <c>idle ms</c>) so a peer reclaims it at once, instead of after the whole lock duration.
    /// </summary>
    public const string Release = Owned + """
        if not owned(KEYS[1], ARGV[1], ARGV[2], ARGV[4]) then return 0 end
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[4], 'IDLE', ARGV[3], 'JUSTID')
        return 1
        """;

    /// <summary>
    /// KEYS: source stream, target stream. ARGV: notify channel, then per entry: id, field count, fields… Moves one page of
    /// an error stream back into its queue: each entry is re-added (with the fields given) only if this call deleted it,
    /// so two operators replaying at once never duplicate an entry. Pages keep each call short (a replay of a whole large
    /// stream in one script would stall Redis past its busy threshold).
    /// </summary>
    public const string ReplayPage = """
        local moved, i = 0, 2
        while i <= #ARGV do
          local id, n = ARGV[i], tonumber(ARGV[i + 1])
          if redis.call('XDEL', KEYS[1], id) == 1 then
            redis.call('XADD', KEYS[2], '*', unpack(ARGV, i + 2, i + 1 + n))
            moved = moved + 1
          end
          i = i + 2 + n
        end
        if moved > 0 then redis.call('PUBLISH', ARGV[1], '1') end
        return moved
        """;

    /// <summary>
    /// KEYS: stream, heartbeat set. ARGV: group, this consumer, min idle ms. Records this consumer's heartbeat, then deletes
    /// the group's consumers that hold nothing and sent no heartbeat for that long: the names of processes that ended (each
    /// start is a new name). Redis 7.0 refreshes a consumer's idle time only when a read returns entries, so a live
    /// consumer of a quiet queue looks idle: the heartbeat, not the idle time, says it is alive. Returns how many went.
    /// </summary>
    public const string PruneConsumers = Now + """
        redis.call('ZADD', KEYS[2], now, ARGV[2])
        local cutoff = now - tonumber(ARGV[3])
        local deleted = 0
        for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
          local info = {}
          for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
          local seen = redis.call('ZSCORE', KEYS[2], info['name'])
          if info['name'] ~= ARGV[2] and tonumber(info['pending']) == 0 and tonumber(info['idle']) >= tonumber(ARGV[3])
              and (not seen or tonumber(seen) < cutoff) then
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], info['name'])
            deleted = deleted + 1
          end
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', cutoff)
        return deleted
        """;

    /// <summary>KEYS: heartbeat set. ARGV: within ms. How many consumers sent a heartbeat that recently (server time).</summary>
    public const string LiveConsumers = Now + """
        return redis.call('ZCOUNT', KEYS[1], '(' .. (now - tonumber(ARGV[1])), '+inf')
        """;
}
