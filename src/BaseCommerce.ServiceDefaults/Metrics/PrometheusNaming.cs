namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>Instrument and tag names turned into valid Prometheus names, following the OpenMetrics naming conventions.</summary>
internal static class PrometheusNaming
{
    public static string MetricName(MetricSnapshot metric)
    {
        var name = Sanitise(metric.Name, allowColon: true);
        if (metric.Kind == MetricKind.Counter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
            name = name[..^"_total".Length];
        if (UnitSuffix(metric.Unit) is { } unit && !name.EndsWith("_" + unit, StringComparison.Ordinal))
            name += "_" + unit;
        if (metric.Kind == MetricKind.Counter)
            name += "_total";
        return name;
    }

    public static string LabelName(string name) => Sanitise(name, allowColon: false);

    /// <summary>The UCUM unit spelled out as Prometheus expects (<c>s</c> → <c>seconds</c>); null for annotations like <c>{request}</c>.</summary>
    public static string? UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
            return null;
        unit = StripAnnotations(unit);
        var slash = unit.IndexOf('/');
        if (slash < 0)
            return Plural(unit);
        var numerator = Plural(unit[..slash]);
        var denominator = Singular(unit[(slash + 1)..]);
        return denominator is null ? numerator
            : numerator is null ? "per_" + denominator
            : numerator + "_per_" + denominator;
    }

    static string? Plural(string unit) => unit switch
    {
        "" or "1" => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "min" => "minutes",
        "h" => "hours",
        "d" => "days",
        "By" => "bytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "%" => "percent",
        "Hz" => "hertz",
        _ => Word(unit),
    };

    static string? Singular(string unit) => unit switch
    {
        "" or "1" => null,
        "s" => "second",
        "ms" => "millisecond",
        "min" => "minute",
        "h" => "hour",
        "d" => "day",
        _ => Word(unit),
    };

    static string? Word(string unit) => Sanitise(unit, allowColon: false).Trim('_') is { Length: > 0 } word ? word : null;

    static string StripAnnotations(string unit)
    {
        while (unit.IndexOf('{') is var open and >= 0)
        {
            var close = unit.IndexOf('}', open);
            unit = close < 0 ? unit[..open] : unit[..open] + unit[(close + 1)..];
        }
        return unit.Trim();
    }

    static string Sanitise(string name, bool allowColon)
    {
        if (name.Length == 0)
            return "_";
        var chars = new char[name.Length];
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            chars[i] = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_';
        }
        var sanitised = new string(chars);
        return char.IsAsciiDigit(sanitised[0]) ? "_" + sanitised : sanitised;
    }
}
