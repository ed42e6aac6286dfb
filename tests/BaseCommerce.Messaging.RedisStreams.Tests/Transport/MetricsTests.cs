using BaseCommerce.ServiceDefaults.Metrics;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

/// <summary>The transport's instruments reach a service's <c>/metrics</c> page through the platform's Prometheus collector.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task TransportMetrics_AppearOnTheMetricsEndpoint()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPrometheusMetrics("BaseCommerce.Messaging");
        await using var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.MapPrometheusMetrics();
        await app.StartAsync();

        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "metricas"));
        await bus.Bus.Publish(new StockChanged(Guid.NewGuid(), 1m));

        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        string[] expected =
        [
            "basecommerce_transport_published_total", "basecommerce_transport_consumed_total",
            "basecommerce_transport_lag_seconds_bucket", "basecommerce_transport_backlog",
        ];
        var body = "";
        await TestBus.Eventually(async () =>
        {
            body = await client.GetStringAsync("/metrics");
            return expected.All(body.Contains);
        }, because: "missing: " + string.Join(", ", expected.Where(e => !body.Contains(e))));
        body.ShouldContain("queue=\"metricas\"");
        await app.StopAsync();
    }
}
