using System.Collections.Concurrent;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>The series of one instrument, keyed by tag set; a known tag set is found without allocating.</summary>
internal sealed class SeriesStore<TSeries> where TSeries : class
{
    // A tag carrying unbounded values (ids, raw paths) would otherwise grow memory and the scrape without limit.
    const int MaxSeries = 2000;

    readonly ConcurrentDictionary<TagSet, TSeries> _series = new(TagSetComparer.Instance);
    readonly ConcurrentDictionary<TagSet, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    readonly Func<TSeries> _create;
    int _count;

    public SeriesStore(Func<TSeries> create)
    {
        _create = create;
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _lookup.TryGetValue(tags, out var series) ? series : Add(tags);

    public IEnumerable<KeyValuePair<TagSet, TSeries>> All => _series;

    TSeries Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Volatile.Read(ref _count) >= MaxSeries ? TagSet.Overflow : TagSet.From(tags);
        var created = _create();
        if (_series.TryAdd(key, created))
        {
            Interlocked.Increment(ref _count);
            return created;
        }
        return _series[key];
    }
}
