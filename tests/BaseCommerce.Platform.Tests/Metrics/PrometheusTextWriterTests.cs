using BaseCommerce.ServiceDefaults.Metrics;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Metrics;

/// <summary>The text format itself, from hand-made snapshots.</summary>
public sealed class PrometheusTextWriterTests
{
    static KeyValuePair<string, string> Label(string name, string value) => new(name, value);

    [Fact]
    public void Output_IsSortedByNameThenLabels_WhateverTheInputOrder()
    {
        MetricSnapshot[] metrics =
        [
            new("m", "zeta", null, null, MetricKind.Gauge, [new([Label("b", "2")], 1), new([Label("a", "1")], 2)]),
            new("m", "alpha", null, null, MetricKind.Gauge, [new([], 3)]),
        ];

        var text = PrometheusTextWriter.Write(metrics);

        text.ShouldBe("""
            # TYPE alpha gauge
            alpha 3
            # TYPE zeta gauge
            zeta{a="1"} 2
            zeta{b="2"} 1

            """.ReplaceLineEndings("\n"));
        PrometheusTextWriter.Write(metrics.Reverse()).ShouldBe(text);
    }

    [Fact]
    public void SpecialValues_AreSpelledThePrometheusWay_InInvariantCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("pt-BR");
        try
        {
            var text = PrometheusTextWriter.Write(
            [
                new("m", "v", null, null, MetricKind.Gauge,
                [
                    new([Label("k", "pos")], double.PositiveInfinity),
                    new([Label("k", "neg")], double.NegativeInfinity),
                    new([Label("k", "nan")], double.NaN),
                    new([Label("k", "dec")], 1234.5),
                ]),
            ]);

            text.ShouldContain("v{k=\"pos\"} +Inf\n");
            text.ShouldContain("v{k=\"neg\"} -Inf\n");
            text.ShouldContain("v{k=\"nan\"} NaN\n");
            text.ShouldContain("v{k=\"dec\"} 1234.5\n");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Help_IsEscaped()
    {
        var text = PrometheusTextWriter.Write([new("m", "h", null, "Line one\nC:\\path \"quoted\"", MetricKind.Gauge, [new([], 1)])]);

        text.ShouldStartWith("# HELP h Line one\\nC:\\\\path \"quoted\"\n# TYPE h gauge\n");
    }

    [Fact]
    public void SameNameFromTwoMeters_IsOneFamily_WithOneHelpAndType()
    {
        var text = PrometheusTextWriter.Write(
        [
            new("b", "requests", null, "From b.", MetricKind.Counter, [new([Label("host", "b")], 1)]),
            new("a", "requests", null, "From a.", MetricKind.Counter, [new([Label("host", "a")], 2)]),
        ]);

        text.ShouldBe("# HELP requests_total From a.\n# TYPE requests_total counter\nrequests_total{host=\"a\"} 2\nrequests_total{host=\"b\"} 1\n");
    }

    [Fact]
    public void RepeatedSeries_AndInstrumentsWithoutMeasurements_AreLeftOut()
    {
        var text = PrometheusTextWriter.Write(
        [
            new("a", "active", null, null, MetricKind.Gauge, [new([Label("host", "x")], 1)]),
            new("a", "active", null, null, MetricKind.Gauge, [new([Label("host", "x")], 1)]),
            new("a", "idle", null, "Never measured.", MetricKind.Gauge, []),
        ]);

        text.ShouldBe("# TYPE active gauge\nactive{host=\"x\"} 1\n");
    }

    [Fact]
    public void LabelNames_ThatCollideOnceSanitised_AreMergedIntoOneLabel()
    {
        var text = PrometheusTextWriter.Write([new("m", "g", null, null, MetricKind.Gauge, [new([Label("a.b", "1"), Label("a-b", "2")], 1)])]);

        text.ShouldContain("g{a_b=\"1;2\"} 1\n");
    }

    [Theory]
    [InlineData("s", "seconds")]
    [InlineData("ms", "milliseconds")]
    [InlineData("By", "bytes")]
    [InlineData("{request}", null)]
    [InlineData("1", null)]
    [InlineData("By/s", "bytes_per_second")]
    [InlineData("{packet}/s", "per_second")]
    public void Units_FollowThePrometheusConventions(string unit, string? suffix) =>
        PrometheusNaming.UnitSuffix(unit).ShouldBe(suffix);

    [Fact]
    public void UnitAndTotalSuffixes_AreNotRepeated()
    {
        PrometheusNaming.MetricName(new("m", "build.duration_seconds", "s", null, MetricKind.Histogram, [])).ShouldBe("build_duration_seconds");
        PrometheusNaming.MetricName(new("m", "jobs_total", null, null, MetricKind.Counter, [])).ShouldBe("jobs_total");
    }
}
