namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>
/// The value of one tag set: the sum (counters, histograms) or the last value (gauges).
/// <paramref name="Labels"/> keep the instrument's tag names; the writer turns them into Prometheus label names.
/// </summary>
internal sealed record MetricSeries(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    HistogramPoint? Histogram = null);
