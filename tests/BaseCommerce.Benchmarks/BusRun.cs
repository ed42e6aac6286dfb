using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BaseCommerce.Benchmarks;

public sealed record Ping(long SentAt);

/// <summary>
/// Publish-to-consume of one MassTransit consumer on whichever transport <c>useTransport</c> picks: the same endpoint
/// settings, warm-up, publishers in flight and measurement for every transport, so their rates compare. Shared (as a
/// linked file) with the RabbitMQ baseline, which runs on another MassTransit version in its own process.
/// </summary>
public static class BusRun
{
    const int InFlight = 512;
    const int Concurrency = 128;
    const int Warmup = 2_000;

    public static async Task<Result> RunAsync(string name, int messages, Action<IBusRegistrationConfigurator> useTransport)
    {
        var holder = new MeasurementHolder { Value = new Measurement(Warmup) };
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(holder);
        builder.Services.AddMassTransit(x =>
        {
            x.AddConsumer<HeldPingConsumer>().Endpoint(e =>
            {
                e.Name = "bench-ping";
                e.ConcurrentMessageLimit = Concurrency;
                e.PrefetchCount = Concurrency;
            });
            useTransport(x);
        });
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);
        using var host = builder.Build();
        await host.StartAsync();
        var bus = host.Services.GetRequiredService<IBus>();

        // Warm-up: JIT, connections, pools; not measured.
        await PublishAll(bus, Warmup);
        await holder.Value.WaitAsync(name + " warm-up", TimeSpan.FromMinutes(2));

        var measurement = new Measurement(messages);
        holder.Value = measurement;
        measurement.Start();
        await PublishAll(bus, messages);
        var result = await measurement.WaitAsync(name, TimeSpan.FromMinutes(5));
        await host.StopAsync();
        return result;
    }

    /// <summary>Publishes with a bounded number of publishes in flight, as many concurrent producers would.</summary>
    static async Task PublishAll(IBus bus, int messages)
    {
        using var inFlight = new SemaphoreSlim(InFlight);
        var tasks = new List<Task>(messages);
        for (var i = 0; i < messages; i++)
        {
            await inFlight.WaitAsync();
            tasks.Add(Publish());
        }
        await Task.WhenAll(tasks);

        async Task Publish()
        {
            try { await bus.Publish(new Ping(Stopwatch.GetTimestamp())); }
            finally { inFlight.Release(); }
        }
    }

    public sealed class MeasurementHolder
    {
        public Measurement Value { get; set; } = null!;
    }

    public sealed class HeldPingConsumer(MeasurementHolder holder) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            holder.Value.Arrived(context.Message.SentAt);
            return Task.CompletedTask;
        }
    }
}
