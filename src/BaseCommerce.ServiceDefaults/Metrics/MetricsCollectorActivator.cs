using Microsoft.Extensions.Hosting;

namespace BaseCommerce.ServiceDefaults.Metrics;

/// <summary>
/// Creates the collector when the host starts: a singleton is otherwise built on first resolve, i.e. the first
/// scrape, and every measurement taken before it would be lost.
/// </summary>
internal sealed class MetricsCollectorActivator(PrometheusMetricsCollector collector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(collector);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
