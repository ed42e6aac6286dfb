namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>
/// Per-bucket (not cumulative) counts: <c>BucketCounts[i]</c> counts values in (<c>Bounds[i-1]</c>, <c>Bounds[i]</c>],
/// and the extra last entry counts values above every bound.
/// </summary>
internal sealed record HistogramPoint(IReadOnlyList<double> Bounds, IReadOnlyList<long> BucketCounts);
