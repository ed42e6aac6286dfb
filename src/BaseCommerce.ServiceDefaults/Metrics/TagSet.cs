using System.Globalization;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>
/// The identity of one series: a measurement's tags, order-insensitive, compared by value so the boxed
/// status code of one request matches the next. Built once per new series, then only compared.
/// </summary>
internal sealed class TagSet
{
    public static readonly TagSet Overflow = From([new("otel.metric.overflow", true)]);

    readonly KeyValuePair<string, object?>[] _tags;

    TagSet(KeyValuePair<string, object?>[] tags, int hash)
    {
        _tags = tags;
        Hash = hash;
        Labels = Array.ConvertAll(tags, t => new KeyValuePair<string, string>(t.Key, Format(t.Value)));
    }

    public int Hash { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    public static TagSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray();
        Array.Sort(copy, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagSet(copy, HashOf(tags));
    }

    // Summed so that the same tags in another order hash alike.
    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
            hash = unchecked(hash + HashCode.Combine(tag.Key, tag.Value));
        return hash;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
            return false;
        foreach (var tag in tags)
            if (!Contains(tag))
                return false;
        return true;
    }

    public bool Matches(TagSet other) => Matches(other._tags);

    bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (var own in _tags)
            if (string.Equals(own.Key, tag.Key, StringComparison.Ordinal) && Equals(own.Value, tag.Value))
                return true;
        return false;
    }

    static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
