using System.Diagnostics.Metrics;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>Counters and up-down counters add up their measurements; gauges and observables keep the last one.</summary>
internal sealed class ScalarInstrumentState(Instrument instrument, MetricKind kind, bool accumulate)
    : InstrumentState(instrument, kind)
{
    readonly SeriesStore<ScalarSeries> _series = new(() => new ScalarSeries());

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.Get(tags);
        if (accumulate)
            series.Add(value);
        else
            series.Set(value);
    }

    public override MetricSnapshot Snapshot() =>
        Snapshot(_series.All.Select(s => new MetricSeries(LabelsOf(s.Key), s.Value.Value)).ToList());
}
