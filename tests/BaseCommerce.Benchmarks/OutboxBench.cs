using System.Collections.Concurrent;
using System.Diagnostics;
using BaseCommerce.Messaging.TestShop;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BaseCommerce.Benchmarks;

/// <summary>
/// Business transaction + outbox → consumed, against the same business transactions without the outbox, in one run:
/// the rate ratio, and the commit-to-consume latency when transactions arrive at half the plain rate.
/// </summary>
public static class OutboxBench
{
    const int Writers = 16;

    public static async Task<IReadOnlyList<Result>> RunAsync(int transactions)
    {
        var (database, tenant) = await ShopDatabase();
        await using var redis = await TestRedisServer.StartAsync();
        var clock = new CommitClock();
        await using var host = await ShopHost.StartAsync(database.AppConnection, "bench:", new Received(), x =>
        {
            x.AddSingleton(clock);
            x.AddConsumer<CommittedOrderConsumer>().Endpoint(e =>
            {
                e.Name = "bench-orders";
                e.ConcurrentMessageLimit = 64;
            });
        }, redis: redis.Configuration);

        await Transactions(host, tenant, 500, Writers, clock, outbox: true, new Measurement(500)); // warm-up: JIT, pools
        await Transactions(host, tenant, 500, Writers, clock, outbox: false, null);

        var plain = await Transactions(host, tenant, transactions, Writers, clock, outbox: false, null);
        var outbox = await Transactions(host, tenant, transactions, Writers, clock, outbox: true, new Measurement(transactions));
        var paced = await Paced(host, tenant, transactions / 2, plain.PerSecond / 2, clock);
        return [plain, outbox, paced];
    }

    /// <summary>Diagnostic: how fast a delivery service drains a backlog of committed outboxes into the consumer.</summary>
    public static async Task DrainAsync(int transactions)
    {
        var (database, tenant) = await ShopDatabase();
        await using var redis = await TestRedisServer.StartAsync();
        var clock = new CommitClock();
        await using (var writer = await ShopHost.StartAsync(database.AppConnection, "bench:", new Received(), x => x.AddSingleton(clock),
            o => o.UseBusOutbox(deliveryService: false), redis: redis.Configuration))
        {
            var written = await Transactions(writer, tenant, transactions, Writers, clock, outbox: true, null);
            Console.WriteLine($"written: {written.PerSecond:N0}/s");
        }
        await using (var probe = await ShopHost.StartAsync(database.AppConnection, "bench:", new Received(), x => x.AddSingleton(clock),
            o => o.UseBusOutbox(deliveryService: false), redis: redis.Configuration))
        {
            foreach (var phase in new[] { "scope", "publish", "publish+save", "save" })
            {
                var sw = Stopwatch.StartNew();
                for (var i = 0; i < 2000; i++)
                    await probe.InScope(tenant, async (shop, publish, _) =>
                    {
                        var order = new Order { Id = Guid.NewGuid(), Numero = "B" };
                        if (phase != "scope") shop.Orders.Add(order);
                        if (phase.StartsWith("publish")) await publish.Publish(new OrderPlaced(order.Id, order.Numero));
                        if (phase.EndsWith("save")) await shop.SaveChangesAsync();
                    });
                Console.WriteLine($"{phase}: {sw.Elapsed.TotalMicroseconds / 2000:N0} µs each");
            }
        }
        var consumed = new Measurement(transactions);
        clock.Measurement = consumed;
        consumed.Start();
        await using var host = await ShopHost.StartAsync(database.AppConnection, "bench:", new Received(), x =>
        {
            x.AddSingleton(clock);
            x.AddConsumer<CommittedOrderConsumer>().Endpoint(e => e.Name = "bench-orders");
        }, redis: redis.Configuration);
        var result = await consumed.WaitAsync("drain", TimeSpan.FromMinutes(5));
        Console.WriteLine($"drained: {result.PerSecond:N0}/s");
    }

    /// <summary>A throwaway migrated database with the shop's schema and one store.</summary>
    static async Task<(TestDatabase Database, TenantInfo Tenant)> ShopDatabase()
    {
        var database = await TestDatabase.CreateAsync("bc_bench_outbox");
        await database.ExecuteAsOwnerAsync(ShopDb.CreateSchemaSql);
        return (database, new TenantInfo(await database.CreateTenantAsync("bench"), "bench", "Bench", true));
    }

    /// <summary><paramref name="count"/> transactions by <paramref name="writers"/> concurrent writers, as fast as they go.</summary>
    static async Task<Result> Transactions(ShopHost host, TenantInfo tenant, int count, int writers, CommitClock clock, bool outbox,
        Measurement? consumed)
    {
        var durations = new Measurement(count);
        if (consumed is not null)
            clock.Measurement = consumed;
        durations.Start();
        consumed?.Start();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await Write(host, tenant, clock, outbox);
                durations.Arrived(started);
            }
        })));
        if (consumed is null)
            return durations.Result(outbox ? "transactions + outbox (commit only)" : "plain transactions (no outbox)");
        return await consumed.WaitAsync("transactions + outbox → consumed", TimeSpan.FromMinutes(5));
    }

    /// <summary>Transactions started at a fixed rate (open loop); latency from commit to consume.</summary>
    static async Task<Result> Paced(ShopHost host, TenantInfo tenant, int count, double perSecond, CommitClock clock)
    {
        var consumed = new Measurement(count);
        clock.Measurement = consumed;
        consumed.Start();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var tasks = new List<Task>(count);
        var origin = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i - Stopwatch.GetElapsedTime(origin);
            if (due > TimeSpan.FromMilliseconds(1))
                await Task.Delay(due);
            tasks.Add(Task.Run(() => Write(host, tenant, clock, outbox: true)));
        }
        await Task.WhenAll(tasks);
        var result = await consumed.WaitAsync("outbox at half the plain rate", TimeSpan.FromMinutes(5));
        return result with { Name = $"outbox at {perSecond:0}/s (half the plain rate), commit → consume" };
    }

    static Task Write(ShopHost host, TenantInfo tenant, CommitClock clock, bool outbox) =>
        host.InScope(tenant, async (shop, publish, _) =>
        {
            var order = new Order { Id = Guid.NewGuid(), Numero = "B" };
            shop.Orders.Add(order);
            if (outbox)
                await publish.Publish(new OrderPlaced(order.Id, order.Numero));
            // Taken just before SaveChanges (which commits): the consumer may see the message before this call returns.
            clock.Committing[order.Id] = Stopwatch.GetTimestamp();
            await shop.SaveChangesAsync();
        });

    public sealed class CommitClock
    {
        public ConcurrentDictionary<Guid, long> Committing { get; } = new();
        public Measurement? Measurement { get; set; }
    }

    public sealed class CommittedOrderConsumer(CommitClock clock) : IConsumer<OrderPlaced>
    {
        public Task Consume(ConsumeContext<OrderPlaced> context)
        {
            if (clock.Committing.TryRemove(context.Message.OrderId, out var committedAt))
                clock.Measurement?.Arrived(committedAt);
            return Task.CompletedTask;
        }
    }
}
