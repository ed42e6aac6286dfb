using MassTransit;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>The <c>cfg</c> of <c>x.UsingRedisStreams((ctx, cfg) => …)</c>.</summary>
public interface IRedisStreamsBusFactoryConfigurator : IBusFactoryConfigurator<IRedisStreamsReceiveEndpointConfigurator>
{
    /// <summary>Connects to Redis with a StackExchange.Redis configuration string (<c>host:port,password=…</c>).</summary>
    void Host(string configuration, Action<RedisStreamsHostSettings>? configure = null);

    /// <summary>Uses a connection the application owns (and disposes).</summary>
    void Host(IConnectionMultiplexer multiplexer, Action<RedisStreamsHostSettings>? configure = null);
}

/// <summary>Settings of one receive endpoint: one stream, one consumer group, one consumer per process.</summary>
public interface IRedisStreamsReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>How long an idle receiver waits between reads when no wake-up notification arrives (default 1 s).</summary>
    TimeSpan PollingInterval { get; set; }

    /// <summary>How long an unacknowledged entry stays with its consumer before another replica may reclaim it (default 60 s).</summary>
    TimeSpan LockDuration { get; set; }

    /// <summary>How long a running handler keeps renewing its claim (default 30 min).</summary>
    TimeSpan MaxLockDuration { get; set; }

    /// <summary>How often the receiver looks for entries abandoned by crashed replicas (default 15 s).</summary>
    TimeSpan ClaimInterval { get; set; }

    /// <summary>Deliveries after which an entry that never completes (it kills its consumer) goes to <c>_error</c> (default 10).</summary>
    int MaxDeliveryCount { get; set; }

    /// <summary>Deletes the queue's backlog when the endpoint starts.</summary>
    bool PurgeOnStartup { get; set; }

    /// <summary>Deletes the queue when the endpoint stops, and lets it expire if the process dies (temporary endpoints).</summary>
    bool AutoDelete { get; set; }

    /// <summary>This replica's consumer name in the group; defaults to <c>{machine}-{pid}</c>.</summary>
    string ConsumerName { get; set; }
}
