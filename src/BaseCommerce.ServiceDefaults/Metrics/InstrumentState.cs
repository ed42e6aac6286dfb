using System.Diagnostics.Metrics;
using System.Numerics;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>What the collector keeps for one instrument; the state object the listener hands back with each measurement.</summary>
internal abstract class InstrumentState
{
    static readonly double[] DefaultBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    readonly KeyValuePair<string, string>[] _instrumentLabels;

    protected InstrumentState(Instrument instrument, MetricKind kind)
    {
        Instrument = instrument;
        Kind = kind;
        _instrumentLabels = instrument.Tags is { } tags ? TagSet.From(tags.ToArray()).Labels.ToArray() : [];
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public abstract MetricSnapshot Snapshot();

    /// <summary>The state for a supported instrument type, or null for one this collector does not aggregate.</summary>
    public static InstrumentState? Create(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
            return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>))
            return new ScalarInstrumentState(instrument, MetricKind.Counter, accumulate: true);
        if (definition == typeof(UpDownCounter<>))
            return new ScalarInstrumentState(instrument, MetricKind.Gauge, accumulate: true);
        // Observable counters report their running total, so the last observation is the value.
        if (definition == typeof(ObservableCounter<>))
            return new ScalarInstrumentState(instrument, MetricKind.Counter, accumulate: false);
        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>) || definition == typeof(Gauge<>))
            return new ScalarInstrumentState(instrument, MetricKind.Gauge, accumulate: false);
        if (definition == typeof(Histogram<>))
            return new HistogramInstrumentState(instrument, AdviceBounds(instrument) ?? DefaultBounds);
        return null;
    }

    protected MetricSnapshot Snapshot(List<MetricSeries> series) =>
        new(Instrument.Meter.Name, Instrument.Name, Instrument.Unit, Instrument.Description, Kind, series);

    protected IReadOnlyList<KeyValuePair<string, string>> LabelsOf(TagSet tags)
    {
        if (_instrumentLabels.Length == 0)
            return tags.Labels;
        var labels = tags.Labels.ToList();
        foreach (var label in _instrumentLabels)
            if (!labels.Exists(l => l.Key == label.Key))
                labels.Add(label);
        return labels;
    }

    static double[]? AdviceBounds(Instrument instrument) => instrument switch
    {
        Instrument<byte> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        Instrument<short> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        Instrument<int> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        Instrument<long> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        Instrument<float> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        Instrument<double> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        Instrument<decimal> i => ToDoubles(i.Advice?.HistogramBucketBoundaries),
        _ => null,
    };

    static double[]? ToDoubles<T>(IReadOnlyList<T>? bounds) where T : struct, INumberBase<T> =>
        bounds?.Select(double.CreateTruncating).Where(b => !double.IsNaN(b)).Distinct().Order().ToArray();
}
