using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>Exposes <see cref="System.Diagnostics.Metrics"/> instruments to Prometheus, without an exporter package.</summary>
public static class MetricsEndpointExtensions
{
    /// <summary>
    /// Collects the instruments of every meter whose name starts with one of <paramref name="meterPrefixes"/>
    /// (by default BaseCommerce, ASP.NET Core hosting and Kestrel, and the .NET runtime), from host start.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services, params string[] meterPrefixes)
    {
        IReadOnlyList<string> prefixes = meterPrefixes is { Length: > 0 } ? [.. meterPrefixes] : PrometheusMetricsCollector.DefaultMeterPrefixes;
        services.TryAddSingleton(sp => new PrometheusMetricsCollector(prefixes, sp.GetService<IMeterFactory>()));
        services.AddHostedService<MetricsCollectorActivator>();
        return services;
    }

    /// <summary>Serves the collected metrics in the Prometheus text format at <paramref name="pattern"/>.</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        var collector = endpoints.ServiceProvider.GetService<PrometheusMetricsCollector>()
            ?? throw new InvalidOperationException($"Call {nameof(AddPrometheusMetrics)} on the services before mapping the metrics endpoint.");
        return endpoints
            .MapGet(pattern, (RequestDelegate)(http => WriteAsync(http, collector)))
            .WithDisplayName("Prometheus metrics");
    }

    static Task WriteAsync(HttpContext http, PrometheusMetricsCollector collector)
    {
        var text = PrometheusTextWriter.Write(collector.Collect());
        http.Response.ContentType = PrometheusTextWriter.ContentType;
        http.Response.Headers.CacheControl = "no-store";
        return http.Response.WriteAsync(text, http.RequestAborted);
    }
}
