namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>One instrument's aggregated values at scrape time.</summary>
internal sealed record MetricSnapshot(
    string MeterName,
    string Name,
    string? Unit,
    string? Description,
    MetricKind Kind,
    IReadOnlyList<MetricSeries> Series);
