namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>The receive settings of one endpoint (see <see cref="IRedisStreamsReceiveEndpointConfigurator"/>).</summary>
internal sealed class RedisStreamsReceiveSettings(string queueName)
{
    public string QueueName { get; } = queueName;
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan MaxLockDuration { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(15);
    public int MaxDeliveryCount { get; set; } = 10;
    public bool PurgeOnStartup { get; set; }
    public bool AutoDelete { get; set; }
    public string ConsumerName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Temporary queues outlive a crashed process by this much before Redis deletes them.</summary>
    public TimeSpan AutoDeleteAfter => TimeSpan.FromMinutes(5) > ClaimInterval * 4 ? TimeSpan.FromMinutes(5) : ClaimInterval * 4;

    /// <summary>
    /// A consumer of the group that holds nothing and sent no heartbeat (every claim interval) for this long belongs to a
    /// process that ended: it is removed from the group.
    /// </summary>
    public TimeSpan DeadConsumerAfter => TimeSpan.FromTicks(Math.Max(Math.Max(LockDuration.Ticks, ClaimInterval.Ticks), PollingInterval.Ticks) * 4);

    /// <summary>Message types (entity names) whose publishes this endpoint receives.</summary>
    public HashSet<string> Subscriptions { get; } = new(StringComparer.Ordinal);
}
