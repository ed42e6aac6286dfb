using System.Diagnostics;
using BaseCommerce.Messaging.RedisStreams;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace BaseCommerce.Benchmarks;

/// <summary>
/// Publish-to-consume of the same MassTransit consumer on (a) our Redis Streams transport, (b) MassTransit's in-memory
/// transport (the pipeline's ceiling) and (c) a plain XADD/XREADGROUP loop (Redis's ceiling), all in one run, Redis with
/// AOF everysec. (d) RabbitMQ runs as a separate process when rabbitmq-server is installed (see RabbitMqRun).
/// </summary>
public static class TransportBench
{
    const int InFlight = 512;

    /// <summary>The fixed rates of the paced runs (msg/s), each held for <see cref="PacedFor"/>.</summary>
    public static readonly int[] PacedRates = [1_000, 5_000, 10_000];
    public static readonly TimeSpan PacedFor = TimeSpan.FromSeconds(6);

    /// <summary>Saturated runs (a)–(d), then the paced runs of (a), (b) and (d).</summary>
    public static async Task<(IReadOnlyList<Result> Saturated, IReadOnlyList<PacedResult> Paced)> RunAsync(int messages)
    {
        await using var redis = await TestRedisServer.StartAsync();
        var ours = await BusRun.RunAsync("(a) MassTransit + Redis Streams (ours)", messages, PacedRates, PacedFor, x => x.UsingRedisStreams((context, cfg) =>
        {
            cfg.Host(redis.Configuration, h => h.KeyPrefix = "bench:");
            cfg.ConfigureEndpoints(context);
        }));
        var inMemory = await BusRun.RunAsync("(b) MassTransit in-memory", messages, PacedRates, PacedFor,
            x => x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context)));
        var saturated = new List<Result> { ours.Saturated, inMemory.Saturated, await RawRedisRun("(c) plain XADD/XREADGROUP loop", messages, redis.Configuration) };
        var paced = new List<PacedResult>(ours.Paced.Concat(inMemory.Paced));
        if (await RabbitMqRun.TryRunAsync(messages, PacedRates, PacedFor) is { } rabbit)
        {
            saturated.Add(rabbit.Saturated);
            paced.AddRange(rabbit.Paced);
        }
        return (saturated, paced);
    }

    /// <summary>Redis's own ceiling here: XADD with as many commands in flight, XREADGROUP in batches, XACK+XDEL each batch.</summary>
    static async Task<Result> RawRedisRun(string name, int messages, string redis)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = connection.GetDatabase();
        const string stream = "bench:raw";
        await db.KeyDeleteAsync(stream);
        await db.StreamCreateConsumerGroupAsync(stream, "g", "0", createStream: true);
        var measurement = new Measurement(messages);
        measurement.Start();

        var consumer = Task.Run(async () =>
        {
            var read = 0;
            while (read < messages)
            {
                var entries = await db.StreamReadGroupAsync(stream, "g", "c", ">", 256);
                if (entries.Length == 0)
                {
                    await Task.Delay(1);
                    continue;
                }
                var ids = new RedisValue[entries.Length];
                for (var i = 0; i < entries.Length; i++)
                {
                    ids[i] = entries[i].Id;
                    measurement.Arrived(long.Parse(entries[i]["t"].ToString()));
                }
                _ = db.StreamAcknowledgeAsync(stream, "g", ids);
                _ = db.StreamDeleteAsync(stream, ids);
                read += entries.Length;
            }
        });

        using var inFlight = new SemaphoreSlim(InFlight);
        for (var i = 0; i < messages; i++)
        {
            await inFlight.WaitAsync();
            _ = db.StreamAddAsync(stream, "t", Stopwatch.GetTimestamp().ToString())
                .ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
        }
        await Task.WhenAny(measurement.Done, consumer);
        await consumer; // surfaces a failed read loop at once
        return await measurement.WaitAsync(name, TimeSpan.FromMinutes(5));
    }
}
