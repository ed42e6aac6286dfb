using System.Diagnostics.Metrics;
using BaseCommerce.ServiceDefaults.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Metrics;

/// <summary>Measurements through a real <see cref="MeterListener"/>, each test on a meter of its own.</summary>
public sealed class PrometheusMetricsCollectorTests : IDisposable
{
    readonly Meter _meter = new("BaseCommerce.Test." + Guid.NewGuid().ToString("N"));
    readonly PrometheusMetricsCollector _collector;

    public PrometheusMetricsCollectorTests() => _collector = new PrometheusMetricsCollector([_meter.Name]);

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    string Scrape() => PrometheusTextWriter.Write(_collector.Collect());

    [Fact]
    public void Counter_WithTwoTagSets_WritesOneTotalLinePerTagSet()
    {
        var orders = _meter.CreateCounter<long>("orders.created", description: "Orders created.");

        orders.Add(2, new KeyValuePair<string, object?>("channel", "web"));
        orders.Add(3, new KeyValuePair<string, object?>("channel", "web"));
        orders.Add(5, new KeyValuePair<string, object?>("channel", "store"));

        var text = Scrape();
        text.ShouldContain("# HELP orders_created_total Orders created.\n");
        text.ShouldContain("# TYPE orders_created_total counter\n");
        text.ShouldContain("orders_created_total{channel=\"store\"} 5\n");
        text.ShouldContain("orders_created_total{channel=\"web\"} 5\n");
        Lines(text).Count(l => l.StartsWith("orders_created_total{")).ShouldBe(2);
    }

    [Fact]
    public void TagsInAnotherOrder_AndBoxedValues_LandInTheSameSeries()
    {
        var requests = _meter.CreateCounter<int>("requests");

        requests.Add(1, new("status", 200), new("method", "GET"));
        requests.Add(1, new("method", "GET"), new("status", 200));

        Scrape().ShouldContain("requests_total{method=\"GET\",status=\"200\"} 2\n");
    }

    [Fact]
    public void Histogram_BucketsAreCumulative_AndInfEqualsCount()
    {
        var duration = _meter.CreateHistogram<double>("checkout.duration", unit: "s");

        foreach (var value in new[] { 0.003, 0.005, 0.02, 0.3, 42.0 })
            duration.Record(value);

        var text = Scrape();
        text.ShouldContain("# TYPE checkout_duration_seconds histogram\n");
        text.ShouldContain("checkout_duration_seconds_bucket{le=\"0.005\"} 2\n");
        text.ShouldContain("checkout_duration_seconds_bucket{le=\"0.025\"} 3\n");
        text.ShouldContain("checkout_duration_seconds_bucket{le=\"0.5\"} 4\n");
        text.ShouldContain("checkout_duration_seconds_bucket{le=\"10\"} 4\n");
        text.ShouldContain("checkout_duration_seconds_bucket{le=\"+Inf\"} 5\n");
        text.ShouldContain("checkout_duration_seconds_count 5\n");
        Value(text, "checkout_duration_seconds_sum").ShouldBe(42.328, tolerance: 1e-9);

        var buckets = Lines(text).Where(l => l.StartsWith("checkout_duration_seconds_bucket")).Select(l => double.Parse(l.Split(' ')[1])).ToList();
        buckets.Count.ShouldBe(15);
        buckets.ShouldBe(buckets.Order().ToList());
    }

    [Fact]
    public void Histogram_UsesTheInstrumentsAdvisedBuckets()
    {
        var items = _meter.CreateHistogram<int>("cart.items", "{item}", null, null,
            new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 5, 10] });

        items.Record(1, new KeyValuePair<string, object?>("store", "a"));
        items.Record(7, new KeyValuePair<string, object?>("store", "a"));

        var text = Scrape();
        Lines(text).Where(l => l.StartsWith("cart_items_bucket")).ShouldBe(
        [
            "cart_items_bucket{store=\"a\",le=\"1\"} 1",
            "cart_items_bucket{store=\"a\",le=\"5\"} 1",
            "cart_items_bucket{store=\"a\",le=\"10\"} 2",
            "cart_items_bucket{store=\"a\",le=\"+Inf\"} 2",
        ]);
        text.ShouldContain("cart_items_sum{store=\"a\"} 8\n");
    }

    [Fact]
    public void ObservableGauge_IsReadAtScrapeTime()
    {
        var depth = 3;
        _meter.CreateObservableGauge("queue.depth", () => new Measurement<int>(depth, new KeyValuePair<string, object?>("queue", "orders")));

        Scrape().ShouldContain("queue_depth{queue=\"orders\"} 3\n");
        depth = 7;
        Scrape().ShouldContain("queue_depth{queue=\"orders\"} 7\n");
    }

    [Fact]
    public void ObservableCounter_IsACounter_AndUpDownCounter_IsAGauge()
    {
        _meter.CreateObservableCounter("cpu.time", () => 1.5, unit: "s");
        var open = _meter.CreateUpDownCounter<short>("connections.open", unit: "{connection}");
        open.Add(3);
        open.Add(-1);

        var text = Scrape();
        text.ShouldContain("# TYPE cpu_time_seconds_total counter\ncpu_time_seconds_total 1.5\n");
        text.ShouldContain("# TYPE connections_open gauge\nconnections_open 2\n");
    }

    [Fact]
    public void EverySupportedMeasurementType_IsRecorded()
    {
        _meter.CreateCounter<byte>("b").Add(1);
        _meter.CreateCounter<short>("s").Add(2);
        _meter.CreateCounter<int>("i").Add(3);
        _meter.CreateCounter<long>("l").Add(4);
        _meter.CreateCounter<float>("f").Add(0.5f);
        _meter.CreateCounter<double>("d").Add(0.25);
        _meter.CreateCounter<decimal>("m").Add(1.75m);

        var text = Scrape();
        foreach (var line in new[] { "b_total 1", "s_total 2", "i_total 3", "l_total 4", "f_total 0.5", "d_total 0.25", "m_total 1.75" })
            Lines(text).ShouldContain(line);
    }

    [Fact]
    public void LabelValues_AreEscaped()
    {
        _meter.CreateCounter<int>("escapes").Add(1, new KeyValuePair<string, object?>("path", "C:\\tmp\n\"quoted\""));

        Scrape().ShouldContain("escapes_total{path=\"C:\\\\tmp\\n\\\"quoted\\\"\"} 1\n");
    }

    [Fact]
    public void Names_AreSanitised_AndGetTheirUnitSuffix()
    {
        _meter.CreateCounter<int>("cache-hits/redis.lookups", unit: "{hit}").Add(1, new KeyValuePair<string, object?>("cache.tier", "l1"));
        _meter.CreateHistogram<double>("1st.payload", unit: "By").Record(10);
        _meter.CreateCounter<long>("db.wait", unit: "ms").Add(12);

        var text = Scrape();
        text.ShouldContain("cache_hits_redis_lookups_total{cache_tier=\"l1\"} 1\n");
        text.ShouldContain("_1st_payload_bytes_count 1\n");
        text.ShouldContain("db_wait_milliseconds_total 12\n");
        foreach (var line in Lines(text).Where(l => !l.StartsWith('#')))
            line.ShouldMatch(@"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? \S+$");
    }

    [Fact]
    public async Task ConcurrentRecording_FromSeveralThreads_SumsExactly()
    {
        var counter = _meter.CreateCounter<long>("concurrent.adds");
        var histogram = _meter.CreateHistogram<double>("concurrent.durations");
        const int threads = 8, perThread = 50_000;

        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            var tag = new KeyValuePair<string, object?>("shard", t % 2);
            for (var i = 0; i < perThread; i++)
            {
                counter.Add(1, tag);
                histogram.Record(0.001, tag);
            }
        })));

        var text = Scrape();
        Value(text, "concurrent_adds_total{shard=\"0\"}").ShouldBe(threads / 2 * perThread);
        Value(text, "concurrent_adds_total{shard=\"1\"}").ShouldBe(threads / 2 * perThread);
        Value(text, "concurrent_durations_count{shard=\"0\"}").ShouldBe(threads / 2 * perThread);
        Value(text, "concurrent_durations_bucket{shard=\"1\",le=\"+Inf\"}").ShouldBe(threads / 2 * perThread);
    }

    [Fact]
    public void RecordingOnAKnownTagSet_DoesNotAllocate()
    {
        var counter = _meter.CreateCounter<int>("hot.counter");
        var histogram = _meter.CreateHistogram<double>("hot.histogram");
        KeyValuePair<string, object?> method = new("method", "GET"), status = new("status", 200);
        counter.Add(1, method, status);
        histogram.Record(0.2, method, status);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, method, status);
            histogram.Record(0.2, method, status);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }

    [Fact]
    public void MetersOutsideThePrefixes_AreIgnored()
    {
        using var other = new Meter("Elsewhere.Test." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<int>("ignored.counter").Add(1);
        _meter.CreateCounter<int>("kept.counter").Add(1);

        var text = Scrape();
        text.ShouldContain("kept_counter_total 1\n");
        text.ShouldNotContain("ignored_counter");
    }

    [Fact]
    public void MetersOfAnotherHostsFactory_AreIgnored()
    {
        using var ours = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var collector = new PrometheusMetricsCollector([_meter.Name], ours.GetRequiredService<IMeterFactory>());
        ours.GetRequiredService<IMeterFactory>().Create(_meter.Name).CreateCounter<int>("ours").Add(1);
        theirs.GetRequiredService<IMeterFactory>().Create(_meter.Name).CreateCounter<int>("theirs").Add(1);
        _meter.CreateCounter<int>("unscoped").Add(1);

        var text = PrometheusTextWriter.Write(collector.Collect());
        text.ShouldContain("ours_total 1\n");
        text.ShouldContain("unscoped_total 1\n");
        text.ShouldNotContain("theirs");
    }

    [Fact]
    public void DisposedMeters_DisappearFromTheScrape()
    {
        using var shortLived = new Meter(_meter.Name + ".ShortLived");
        shortLived.CreateCounter<int>("short.lived").Add(1);
        Scrape().ShouldContain("short_lived_total 1\n");

        shortLived.Dispose();

        Scrape().ShouldNotContain("short_lived");
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    internal static double Value(string text, string series) =>
        double.Parse(Lines(text).Single(l => l.StartsWith(series + " ", StringComparison.Ordinal))[(series.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);
}
