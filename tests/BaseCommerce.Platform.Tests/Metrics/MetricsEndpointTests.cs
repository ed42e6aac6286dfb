using System.Diagnostics.Metrics;
using BaseCommerce.ServiceDefaults.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Metrics;

/// <summary><c>/metrics</c> on a real Kestrel host, with ASP.NET Core's own instruments.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_ServesThePrometheusFormat_WithAspNetCoreAndApplicationMetrics()
    {
        var meterName = "BaseCommerce.Test." + Guid.NewGuid().ToString("N");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusMetrics(meterName, "Microsoft.AspNetCore.Hosting");
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        using var meter = new Meter(meterName);
        var pings = meter.CreateCounter<int>("pings");
        app.MapGet("/ping", () =>
        {
            pings.Add(1);
            return "pong";
        });
        app.MapPrometheusMetrics();
        await app.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
            (await client.GetStringAsync("/ping")).ShouldBe("pong");

            var (response, body) = await ScrapeUntil(client, "http_server_request_duration_seconds_bucket{");

            response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
            body.ShouldContain("# TYPE http_server_request_duration_seconds histogram\n");
            body.ShouldContain("http_route=\"/ping\"");
            body.ShouldContain("pings_total 1\n");
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void MapPrometheusMetrics_WithoutAddPrometheusMetrics_SaysWhatIsMissing()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        Should.Throw<InvalidOperationException>(() => app.MapPrometheusMetrics()).Message.ShouldContain("AddPrometheusMetrics");
    }

    // The server records a request's duration after the response has been sent, so the client can get there first.
    static async Task<(HttpResponseMessage, string)> ScrapeUntil(HttpClient client, string expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.GetAsync("/metrics");
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains(expected) || attempt == 50)
                return (response, body);
            await Task.Delay(100);
        }
    }
}
