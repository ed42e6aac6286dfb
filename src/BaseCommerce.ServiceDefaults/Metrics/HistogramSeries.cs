namespace BaseCommerce.ServiceDefaults.Metrics;

internal sealed class HistogramSeries(double[] bounds)
{
    readonly long[] _buckets = new long[bounds.Length + 1];
    double _sum;

    public void Record(double value)
    {
        var bucket = 0;
        if (double.IsNaN(value))
            bucket = bounds.Length;
        else
            while (bucket < bounds.Length && value > bounds[bucket])
                bucket++;
        Interlocked.Increment(ref _buckets[bucket]);
        AtomicDouble.Add(ref _sum, value);
    }

    public MetricSeries Snapshot(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        var counts = new long[_buckets.Length];
        for (var i = 0; i < counts.Length; i++)
            counts[i] = Interlocked.Read(ref _buckets[i]);
        return new MetricSeries(labels, Volatile.Read(ref _sum), new HistogramPoint(bounds, counts));
    }
}
