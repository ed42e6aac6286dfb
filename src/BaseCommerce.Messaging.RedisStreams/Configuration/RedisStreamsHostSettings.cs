using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>Where the transport's Redis is, and how its keys are named.</summary>
public sealed class RedisStreamsHostSettings
{
    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>An application-owned connection to use instead of <see cref="Configuration"/>; the bus never disposes it.</summary>
    public IConnectionMultiplexer? Multiplexer { get; set; }

    /// <summary>Prefix of every key the transport writes, so several buses (or test runs) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "mt:";

    /// <summary>
    /// How long a Redis call may take before it counts as failed. Keep it above the p99 of a fan-out script,
    /// well below <see cref="IRedisStreamsReceiveEndpointConfigurator.LockDuration"/>.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
