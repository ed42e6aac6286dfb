using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Transport metrics on <see cref="System.Diagnostics.Metrics"/> (the services export them on <c>/metrics</c>):
/// messages published, sent, consumed, faulted, redelivered, moved to <c>_error</c>; the backlog of each queue;
/// and the lag between a message entering its stream and its consumption.
/// </summary>
internal static class RedisStreamsMetrics
{
    public const string MeterName = "BaseCommerce.Messaging.RedisStreams";

    static readonly Meter Meter = new(MeterName);
    static readonly Counter<long> PublishedCounter = Meter.CreateCounter<long>("basecommerce.transport.published", "{message}",
        "Messages published to a topic.");
    static readonly Counter<long> FannedOutCounter = Meter.CreateCounter<long>("basecommerce.transport.delivered", "{entry}",
        "Entries written to queues (a publish with two subscribers writes two).");
    static readonly Counter<long> ConsumedCounter = Meter.CreateCounter<long>("basecommerce.transport.consumed", "{message}",
        "Messages whose handling completed and were acknowledged.");
    static readonly Counter<long> FaultedCounter = Meter.CreateCounter<long>("basecommerce.transport.faulted", "{message}",
        "Messages moved to an error stream.");
    static readonly Counter<long> RedeliveredCounter = Meter.CreateCounter<long>("basecommerce.transport.redelivered", "{message}",
        "Messages scheduled for redelivery, or reclaimed from a consumer that did not acknowledge them.");
    static readonly Histogram<double> LagHistogram = Meter.CreateHistogram<double>("basecommerce.transport.lag", "s",
        "Time from a message entering its queue to its consumer receiving it.");
    static readonly ConcurrentDictionary<string, long> Backlogs = new(StringComparer.Ordinal);

    static RedisStreamsMetrics() =>
        Meter.CreateObservableGauge("basecommerce.transport.backlog",
            () => Backlogs.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("queue", b.Key))),
            "{message}", "Entries waiting in a queue, including those being handled.");

    public static void Published(string topic, long queues)
    {
        PublishedCounter.Add(1, new KeyValuePair<string, object?>("topic", topic));
        FannedOutCounter.Add(queues, new KeyValuePair<string, object?>("topic", topic));
    }

    public static void Sent(string queue) => FannedOutCounter.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void Consumed(string queue) => ConsumedCounter.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void Faulted(string queue) => FaultedCounter.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void Redelivered(string queue) => RedeliveredCounter.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void Backlog(string queue, long length) => Backlogs[queue] = length;
    public static void StopTracking(string queue) => Backlogs.TryRemove(queue, out _);

    /// <summary>Stream ids start with the server's millisecond clock at XADD, which gives the lag without a timestamp field.</summary>
    public static void Received(string queue, string entryId)
    {
        var dash = entryId.IndexOf('-');
        if (dash > 0 && long.TryParse(entryId.AsSpan(0, dash), out var addedAt))
            LagHistogram.Record(Math.Max(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - addedAt) / 1000.0,
                new KeyValuePair<string, object?>("queue", queue));
    }
}
