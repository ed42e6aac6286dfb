using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>
/// Listens to the instruments of the meters whose name starts with one of the configured prefixes and keeps
/// their aggregates in memory until <see cref="Collect"/> is called by a scrape.
/// Given the host's <see cref="IMeterFactory"/>, meters made by another container's factory are left out: several
/// hosts in one process (tests) would otherwise each export the others' identical series.
/// </summary>
internal sealed class PrometheusMetricsCollector : IDisposable
{
    public static readonly IReadOnlyList<string> DefaultMeterPrefixes =
        ["BaseCommerce", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    readonly string[] _prefixes;
    readonly IMeterFactory? _meterFactory;
    readonly MeterListener _listener = new();
    readonly ConcurrentDictionary<Instrument, InstrumentState> _instruments = new();
    readonly Lock _observeLock = new();

    public PrometheusMetricsCollector(IEnumerable<string> meterPrefixes, IMeterFactory? meterFactory = null)
    {
        _prefixes = meterPrefixes.Where(p => !string.IsNullOrEmpty(p)).Distinct().ToArray();
        _meterFactory = meterFactory;
        _listener.InstrumentPublished = OnInstrumentPublished;
        _listener.MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out var _);
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => Record(state, value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => Record(state, (double)value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments, then returns every instrument's current aggregates.</summary>
    public IReadOnlyList<MetricSnapshot> Collect()
    {
        // Observable callbacks are application code that may not expect to run on two scrapes at once.
        lock (_observeLock)
            _listener.RecordObservableInstruments();
        return _instruments.Values.Select(state => state.Snapshot()).ToList();
    }

    public void Dispose() => _listener.Dispose();

    void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!Array.Exists(_prefixes, prefix => meter.Name.StartsWith(prefix, StringComparison.Ordinal)))
            return;
        if (_meterFactory is not null && meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterFactory))
            return;
        if (InstrumentState.Create(instrument) is not { } state || !_instruments.TryAdd(instrument, state))
            return;
        listener.EnableMeasurementEvents(instrument, state);
    }

    static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (state is InstrumentState instrument)
            instrument.Record(value, tags);
    }
}
