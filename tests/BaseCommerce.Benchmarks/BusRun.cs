using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BaseCommerce.Benchmarks;

/// <param name="Round">Which measurement the message belongs to: a late message of an earlier round is not counted in the next.</param>
public sealed record Ping(long SentAt, int Round);

/// <summary>One transport's figures: a saturated run, then the same consumer paced at each fixed rate.</summary>
public sealed record BusFigures(Result Saturated, IReadOnlyList<PacedResult> Paced);

/// <summary>
/// Publish-to-consume of one MassTransit consumer on whichever transport <c>useTransport</c> picks: the same endpoint
/// settings, warm-up, publishers and measurement for every transport, so their figures compare. Shared (as a linked
/// file) with the RabbitMQ baseline, which runs on another MassTransit version in its own process.
/// </summary>
public static class BusRun
{
    const int InFlight = 512;
    const int Concurrency = 128;
    const int Warmup = 2_000;

    public static async Task<BusFigures> RunAsync(string name, int messages, IReadOnlyList<int> pacedRates, TimeSpan pacedFor,
        Action<IBusRegistrationConfigurator> useTransport)
    {
        var holder = new MeasurementHolder();
        var warmup = holder.Next(Warmup);
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
        await Saturate(bus, holder.Round, Warmup);
        await warmup.WaitAsync(name + " warm-up", TimeSpan.FromMinutes(2));

        var measurement = holder.Next(messages);
        measurement.Start();
        await Saturate(bus, holder.Round, messages);
        var saturated = await measurement.WaitAsync(name, TimeSpan.FromMinutes(5));

        var paced = new List<PacedResult>();
        foreach (var rate in pacedRates)
            paced.Add(await Paced(bus, holder, name, rate, pacedFor));
        await host.StopAsync();
        return new BusFigures(saturated, paced);
    }

    /// <summary>Publishes with a bounded number of publishes in flight, as many concurrent producers would.</summary>
    static async Task Saturate(IBus bus, int round, int messages)
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
            try { await bus.Publish(new Ping(Stopwatch.GetTimestamp(), round)); }
            finally { inFlight.Release(); }
        }
    }

    /// <summary>
    /// Open loop: message i is due at i / rate seconds; the loop wakes every millisecond or so and starts the publishes
    /// that are due without waiting for earlier ones, so a slow transport cannot slow the producer down (no coordinated
    /// omission) and its backlog shows as latency. Each message carries the time its publish started: the loop's own
    /// wake-up jitter (a few ms on this machine, the same for every transport) is not the transport's. A transport
    /// sustains the rate when every message arrives and the consumer kept within 5% of it.
    /// </summary>
    static async Task<PacedResult> Paced(IBus bus, MeasurementHolder holder, string name, int rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var measurement = holder.Next(count);
        var round = holder.Round;
        var tasks = new List<Task>(count);
        var origin = Stopwatch.GetTimestamp();
        measurement.Start();
        for (var sent = 0; sent < count;)
        {
            var due = Math.Min(count, (int)(Stopwatch.GetElapsedTime(origin).TotalSeconds * rate) + 1);
            for (; sent < due; sent++)
                tasks.Add(bus.Publish(new Ping(Stopwatch.GetTimestamp(), round)));
            await Task.Delay(1);
        }
        await Task.WhenAll(tasks);
        try
        {
            var result = await measurement.WaitAsync(name, duration + TimeSpan.FromSeconds(30));
            return new PacedResult(name, rate, result.PerSecond, result.P50Ms, result.P99Ms, result.P999Ms,
                Sustained: result.PerSecond >= 0.95 * rate);
        }
        catch (TimeoutException)
        {
            return new PacedResult(name, rate, 0, double.NaN, double.NaN, double.NaN, Sustained: false);
        }
    }

    public sealed class MeasurementHolder
    {
        public Measurement Value { get; private set; } = null!;
        public int Round { get; private set; }

        public Measurement Next(int expected)
        {
            Value = new Measurement(expected);
            Round++;
            return Value;
        }
    }

    public sealed class HeldPingConsumer(MeasurementHolder holder) : IConsumer<Ping>
    {
        public Task Consume(ConsumeContext<Ping> context)
        {
            if (context.Message.Round == holder.Round)
                holder.Value.Arrived(context.Message.SentAt);
            return Task.CompletedTask;
        }
    }
}

/// <summary>One transport at one fixed rate: publish start → consume latencies, and whether it kept the rate.</summary>
public sealed record PacedResult(string Name, int Rate, double PerSecond, double P50Ms, double P99Ms, double P999Ms, bool Sustained);
