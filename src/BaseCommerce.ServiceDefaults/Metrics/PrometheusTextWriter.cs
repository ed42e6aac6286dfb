using System.Globalization;
using System.Text;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>Renders metrics in the Prometheus text exposition format 0.0.4, sorted so that two scrapes diff cleanly.</summary>
internal static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricSnapshot> metrics)
    {
        var text = new StringBuilder();
        var families = metrics
            .GroupBy(PrometheusNaming.MetricName)
            .OrderBy(family => family.Key, StringComparer.Ordinal);
        foreach (var family in families.Where(f => f.Any(m => m.Series.Count > 0)))
            WriteFamily(text, family.Key, family.OrderBy(m => m.MeterName, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal).ToList());
        return text.ToString();
    }

    // Several instruments can land on one name (same instrument in two meters, names equal once sanitised);
    // Prometheus allows one HELP/TYPE per name, and a second type could not be expressed at all.
    static void WriteFamily(StringBuilder text, string name, List<MetricSnapshot> members)
    {
        var kind = members[0].Kind;
        var description = members.Select(m => m.Description).FirstOrDefault(d => !string.IsNullOrEmpty(d));
        if (description is not null)
            text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(description)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(TypeName(kind)).Append('\n');

        var series = members
            .Where(m => m.Kind == kind)
            .SelectMany(m => m.Series)
            .Select(s => (Labels: RenderLabels(s.Labels), Series: s))
            .OrderBy(s => s.Labels, StringComparer.Ordinal)
            // Two meters of one name can report the same labels; a repeated series would make the scrape invalid.
            .DistinctBy(s => s.Labels);
        foreach (var (labels, s) in series)
        {
            if (kind == MetricKind.Histogram)
                WriteHistogram(text, name, labels, s);
            else
                WriteSample(text, name, labels, Format(s.Value));
        }
    }

    static void WriteHistogram(StringBuilder text, string name, string labels, MetricSeries series)
    {
        var histogram = series.Histogram ?? new HistogramPoint([], [0]);
        var separator = labels.Length == 0 ? "" : ",";
        long cumulative = 0;
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            cumulative += histogram.BucketCounts[i];
            WriteSample(text, name + "_bucket", labels + separator + "le=\"" + Format(histogram.Bounds[i]) + "\"", Format(cumulative));
        }
        cumulative += histogram.BucketCounts[^1];
        WriteSample(text, name + "_bucket", labels + separator + "le=\"+Inf\"", Format(cumulative));
        WriteSample(text, name + "_sum", labels, Format(series.Value));
        WriteSample(text, name + "_count", labels, Format(cumulative));
    }

    static void WriteSample(StringBuilder text, string name, string labels, string value)
    {
        text.Append(name);
        if (labels.Length > 0)
            text.Append('{').Append(labels).Append('}');
        text.Append(' ').Append(value).Append('\n');
    }

    // Tag names that collide once sanitised are merged into one label, their values joined by ';'.
    static string RenderLabels(IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        if (labels.Count == 0)
            return "";
        var text = new StringBuilder();
        string? previous = null;
        foreach (var (name, value) in labels
                     .Select(l => (Name: PrometheusNaming.LabelName(l.Key), l.Value))
                     .OrderBy(l => l.Name, StringComparer.Ordinal))
        {
            if (name == previous)
            {
                text.Length--;
                text.Append(';').Append(EscapeLabelValue(value)).Append('"');
                continue;
            }
            if (previous is not null)
                text.Append(',');
            text.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
            previous = name;
        }
        return text.ToString();
    }

    static string TypeName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    static string EscapeHelp(string value) => value.Replace("\\", @"\\").Replace("\n", @"\n");

    static string EscapeLabelValue(string value) => value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");

    static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString(CultureInfo.InvariantCulture),
    };
}
