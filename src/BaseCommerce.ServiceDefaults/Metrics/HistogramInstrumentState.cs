using System.Diagnostics.Metrics;

namespace BaseCommerce.ServiceDefaults.Metrics;

internal sealed class HistogramInstrumentState(Instrument instrument, double[] bounds)
    : InstrumentState(instrument, MetricKind.Histogram)
{
    readonly SeriesStore<HistogramSeries> _series = new(() => new HistogramSeries(bounds));

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _series.Get(tags).Record(value);

    public override MetricSnapshot Snapshot() =>
        Snapshot(_series.All.Select(s => s.Value.Snapshot(LabelsOf(s.Key))).ToList());
}
