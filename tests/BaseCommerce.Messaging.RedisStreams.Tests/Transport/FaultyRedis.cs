using System.Reflection;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

/// <summary>
/// A real multiplexer whose databases fail chosen script calls with a non-Redis exception (an unexpected reply shape, a
/// bug): what the transport must survive without its consume loop ending.
/// </summary>
public class FaultyRedis : DispatchProxy
{
    object _inner = null!;
    Func<string, RedisKey[], bool> _fails = (_, _) => false;

    /// <summary>How many script calls that match the filter (script text, keys) still fail.</summary>
    public int FailuresLeft;

    public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner, Func<string, RedisKey[], bool> scriptFails, out FaultyRedis faults)
    {
        var proxy = Create<IConnectionMultiplexer, FaultyRedis>();
        faults = (FaultyRedis)(object)proxy;
        faults._inner = inner;
        faults._fails = scriptFails;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name == nameof(IConnectionMultiplexer.GetDatabase))
        {
            var database = Create<IDatabase, FaultyRedis>();
            var faults = (FaultyRedis)(object)database;
            faults._inner = method.Invoke(_inner, args)!;
            faults._fails = (script, keys) => _fails(script, keys) && Interlocked.Decrement(ref FailuresLeft) >= 0;
            return database;
        }
        if (method.Name == nameof(IDatabase.ScriptEvaluateAsync) && args is [string script, RedisKey[] keys, ..] && _fails(script, keys))
            throw new InvalidCastException("Unable to cast a reply: injected by the test");
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
