using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BaseCommerce.Authentication.Revocation;

/// <summary>
/// The Redis stream that carries access-token revocations to every process that validates tokens (<c>Auth:RevocationStream</c>,
/// default <c>bc:auth:revocations</c>). A stream rather than pub/sub: a process that starts, or was cut off for a while,
/// reads what it missed. It holds only what can still matter: each write trims entries older than
/// <see cref="AccessRevocation.Horizon"/> (stream ids are their time in milliseconds).
/// </summary>
public sealed class RevocationStream(IConnectionMultiplexer redis, IOptions<AuthOptions> options, TimeProvider clock)
{
    // One call for the whole batch: every revocation added and the stream trimmed, XADD MINID being one command per entry.
    const string AddScript = """
        for i = 2, #ARGV do redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 'r', ARGV[i]) end
        return #ARGV - 1
        """;

    RedisKey Key => options.Value.RevocationStream;

    /// <summary>
    /// Publishes after the database has recorded the revocation; tried three times, then the caller's operation fails (the
    /// database part is idempotent, so repeating it publishes again) rather than passing for done while services still
    /// accept the tokens.
    /// </summary>
    public async Task PublishAsync(params AccessRevocation[] revocations)
    {
        if (revocations.Length == 0)
            return;
        var minId = (clock.GetUtcNow() - AccessRevocation.Horizon).ToUnixTimeMilliseconds();
        RedisValue[] args = [minId, .. revocations.Select(r => (RedisValue)r.Serialize())];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await redis.GetDatabase().ScriptEvaluateAsync(AddScript, [Key], args);
                return;
            }
            catch (Exception e) when (attempt < 3 && e is RedisException or TimeoutException)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

    /// <summary>Up to <paramref name="count"/> entries after <paramref name="afterId"/> (null: from the oldest kept), and the last id read.</summary>
    public async Task<(string? LastId, IReadOnlyList<AccessRevocation> Revocations)> ReadAsync(string? afterId, int count)
    {
        var entries = await redis.GetDatabase().StreamRangeAsync(Key, afterId is null ? "-" : "(" + afterId, "+", count);
        var revocations = new List<AccessRevocation>(entries.Length);
        var lastId = afterId;
        foreach (var entry in entries)
        {
            lastId = entry.Id.ToString();
            if (entry["r"] is { IsNull: false } text && AccessRevocation.Parse(text.ToString()) is { } revocation)
                revocations.Add(revocation);
        }
        return (lastId, revocations);
    }
}
