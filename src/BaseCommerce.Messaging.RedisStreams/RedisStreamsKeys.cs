namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>
/// The Redis key layout of the transport. One stream per queue (receive endpoint), consumed by one group named after
/// the queue; a sorted set of delayed entries per queue; a set of subscribed queues per message type.
/// </summary>
internal sealed class RedisStreamsKeys(string prefix)
{
    public const string ErrorSuffix = "_error";
    public const string SkippedSuffix = "_skipped";

    public string Prefix { get; } = prefix;

    public string Stream(string queue) => Prefix + "q:" + queue;
    public string Delayed(string queue) => Stream(queue) + ":delayed";
    public string Notify(string queue) => Stream(queue) + ":notify";
    /// <summary>The consumers of a queue that found nothing new and wait for a wake-up (see the ReadOrIdle script).</summary>
    public string Idle(string queue) => Stream(queue) + ":idle";
    /// <summary>The queue's live consumers, each scored with the server time it last said so (every claim tick).</summary>
    public string Heartbeats(string queue) => Stream(queue) + ":consumers";
    public string Subscribers(string entityName) => Prefix + "sub:" + entityName;

    /// <summary>Every queue that ever started here, so operators can list endpoints without scanning keys.</summary>
    public string Queues => Prefix + "queues";

    public static string Group(string queue) => queue;
}
