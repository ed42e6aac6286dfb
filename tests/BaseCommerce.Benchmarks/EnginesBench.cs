using System.Diagnostics;
using BaseCommerce.Contracts;
using BaseCommerce.Contracts.Orders;
using BaseCommerce.Contracts.Stock;
using BaseCommerce.Messaging;
using BaseCommerce.Messaging.Tenancy;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BaseCommerce.Benchmarks;

/// <summary>
/// The engines against baselines of the same run: (1) a store's ABC and demand recomputation over its sales facts
/// against a bare GROUP BY of the same table; (2) the Stock engine catching up a backlog of SaleRecorded against an
/// empty consumer taking the same messages off the same transport; (3) event → insight visible in the vertical's read
/// model at a paced load of half the catch-up rate. The Stock engine and the vertical run as child processes.
/// </summary>
public static class EnginesBench
{
    const int Products = 1000;

    public static async Task RunAsync(int facts, int backlog)
    {
        var database = await TestDatabase.CreateAsync("bc_bench_engines");
        var tenant = await database.CreateTenantAsync("bench-engines");
        await using var redis = await TestRedisServer.StartAsync();
        const string prefix = "bench:";
        Console.WriteLine($"Seeding {Products:N0} products and {facts:N0} sales facts of one store…");
        await SeedAsync(database, tenant, facts);
        using var bus = await BusAsync(redis.Configuration, prefix);
        var publish = bus.Services.GetRequiredService<IBus>();
        var results = new List<Result>();

        // (1) Recomputation against a bare GROUP BY.
        var groupBy = await MedianAsync(3, () => ScalarAsync(database, tenant,
            "SELECT count(*) FROM (SELECT product_id, sum(revenue) FROM stock.sales WHERE tenant_id = @t AND sold_at > now() - interval '90 days' GROUP BY product_id) x"));
        var engine = await ChildService.StartAsync("BaseCommerce.Engines.Stock", database.AppConnection, redis.Configuration, prefix);
        var abc = await MedianAsync(3, () => CommandAsync(database, publish, tenant, new RecomputeAbc(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, NewId.NextGuid(), "bench")));
        RecomputeStock Recompute() => new(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, NewId.NextGuid(), "bench");
        // Cold: every product's figures are new, so every product is re-assessed and published. Steady: the nightly case,
        // one set-based pass over the facts that finds nothing (or little) to publish.
        var cold = await CommandAsync(database, publish, tenant, Recompute());
        var steady = await MedianAsync(3, () => CommandAsync(database, publish, tenant, Recompute()));
        Console.WriteLine();
        Console.WriteLine($"(1) recomputation over {facts:N0} sales facts, {Products:N0} products");
        Console.WriteLine($"  bare SELECT product, sum(revenue) GROUP BY (baseline)         {groupBy,10:N0} ms");
        Console.WriteLine($"  RecomputeAbc (one set-based statement)                        {abc,10:N0} ms   {abc / groupBy,6:0.00}×");
        Console.WriteLine($"  RecomputeStock, cold (all {Products:N0} products re-assessed, published) {cold,10:N0} ms   {cold / groupBy,6:0.00}×");
        Console.WriteLine($"  RecomputeStock, steady (set-based pass, nothing moved)        {steady,10:N0} ms   {steady / groupBy,6:0.00}×");
        Report.Target("ABC ≤ 2× the bare GROUP BY", abc <= 2 * groupBy, $"{abc / groupBy:0.00}×");
        Report.Target("demand (steady) ≤ 2× the bare GROUP BY", steady <= 2 * groupBy, $"{steady / groupBy:0.00}×");

        // (2) Catching up a backlog: the engine is stopped, the backlog published, the engine started.
        engine.Kill();
        engine.Dispose();
        Console.WriteLine($"(2) the empty consumer takes {backlog:N0} messages from a backlog…");
        var empty = await EmptyConsumerAsync(database, tenant, redis.Configuration, backlog);
        Console.WriteLine($"    {empty.PerSecond:N0}/s; now the Stock engine, from a backlog of the same size…");
        var sales = Sales(tenant, backlog);
        foreach (var sale in sales)
            await publish.Publish(sale, c => Stamp(c, tenant));
        var before = await ScalarAsync(database, tenant, "SELECT count(*) FROM stock.sales");
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTime.UtcNow;
        engine = await ChildService.StartAsync("BaseCommerce.Engines.Stock", database.AppConnection, redis.Configuration, prefix);
        var deadline = DateTime.UtcNow.AddMinutes(30);
        // The backlog's orders are bbbbbbbb-…: a range of the primary key, so counting them does not scan the million facts.
        while (await ScalarAsync(database, tenant, "SELECT count(DISTINCT order_id) FROM stock.sales WHERE tenant_id = @t AND order_id BETWEEN 'bbbbbbbb-0000-0000-0000-000000000000' AND 'bbbbbbbb-0000-0000-0000-999999999999'") < backlog)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the Stock engine did not catch up {backlog:N0} messages in 30 minutes: {engine.Log()}");
            await Task.Delay(250);
        }
        var recorded = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await DrainedAsync(database, tenant);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        // The process start (host, EF model, bus, connections) is not consumption: the empty consumer's in-process bus
        // starts in milliseconds. So the figure that counts runs from the first message the engine took (its first inbox
        // row) until every fact is recorded and every product it touched re-assessed and published.
        var startUp = seconds - (DateTime.UtcNow - await FirstReceivedAsync(database, startedAt)).TotalSeconds;
        var catchUp = new Result($"Stock engine catches up {backlog:N0} SaleRecorded, first message → assessments current", backlog / (seconds - startUp), 0, 0);
        results.Add(catchUp);
        results.Add(new Result($"  the same, counting its process start ({startUp:0.0} s)", backlog / seconds, 0, 0));
        results.Add(new Result($"  of which facts recorded (consumers only, counting the start)", backlog / recorded, 0, 0));
        results.Add(empty);
        Report.Print("(2) catching up a backlog", results);
        Report.Ratio("engine catch-up / empty consumer", catchUp.PerSecond / empty.PerSecond);
        Report.Target("catch-up ≥ 0.3× the transport's raw consume rate", catchUp.PerSecond >= 0.3 * empty.PerSecond, $"{catchUp.PerSecond / empty.PerSecond:0.00}×");
        Console.WriteLine($"  facts before {before:N0}; Stock engine peak RSS {engine.PeakRssMiB():N0} MiB");

        // (3) Event → insight visible in the vertical's read model, at half the catch-up rate.
        using var vertical = await ChildService.StartAsync("BaseCommerce.Verticals.Construction", database.AppConnection, redis.Configuration, prefix,
            new Dictionary<string, string> { ["Auth__Authority"] = "http://127.0.0.1:1/auth", ["Auth__IssuerTemplate"] = "http://{slug}.localhost/auth" });
        // Ten seconds of it (at least 2,000 events), so that its p99 is not a second's worth of luck.
        var rate = Math.Max(catchUp.PerSecond / 2, 1);
        var paced = await PacedAsync(database, publish, tenant, rate, Math.Max(2000, (int)(rate * 10)));
        Report.Print("(3) StockUpdated → StockInsightUpdated → the vertical's read model", [paced]);
        Report.Target("p99 event → insight visible < 1 s", paced.P99Ms < 1000, $"{paced.P99Ms:N0} ms");
        Console.WriteLine($"  peak RSS: Stock engine {engine.PeakRssMiB():N0} MiB, Construction {vertical.PeakRssMiB():N0} MiB");
        engine.Dispose();
    }

    static async Task SeedAsync(TestDatabase database, Guid tenant, int facts) =>
        await database.ExecuteAsOwnerAsync($"""
            BEGIN;
            SELECT set_config('app.tenant_id', '{tenant}', true);
            INSERT INTO stock.products (tenant_id, product_id, name, unit, registered_at)
            SELECT '{tenant}', ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'Produto ' || i, 'UN', now() FROM generate_series(1, {Products}) i;
            INSERT INTO stock.levels (tenant_id, product_id, on_hand)
            SELECT '{tenant}', ('00000000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 1000 FROM generate_series(1, {Products}) i;
            INSERT INTO stock.sales (tenant_id, order_id, product_id, quantity, revenue, sold_at)
            SELECT '{tenant}', gen_random_uuid(), ('00000000-0000-0000-0000-' || lpad((1 + (i::bigint * 7919) % {Products})::text, 12, '0'))::uuid,
                   1 + (i % 9), (1 + (i % 9)) * (5 + (i % 97)), now() - (i % 89) * interval '1 day' - (i % 3600) * interval '1 second'
            FROM generate_series(1, {facts}) i;
            INSERT INTO stock.daily_sales (tenant_id, product_id, day, quantity, revenue)
            SELECT tenant_id, product_id, (sold_at AT TIME ZONE 'America/Sao_Paulo')::date, sum(quantity), sum(revenue) FROM stock.sales GROUP BY 1, 2, 3;
            COMMIT;
            ANALYZE stock.sales;
            ANALYZE stock.daily_sales;
            """);

    /// <summary>
    /// Publishes a command and waits until the engine's inbox has consumed it and its assessor has re-assessed every
    /// product it marked; milliseconds.
    /// </summary>
    static async Task<double> CommandAsync<T>(TestDatabase database, IBus bus, Guid tenant, T command) where T : class
    {
        var id = NewId.NextGuid();
        var started = Stopwatch.GetTimestamp();
        await bus.Publish(command, c => { Stamp(c, tenant); c.MessageId = id; });
        while (await ScalarAsync(database, tenant, $"SELECT count(*) FROM messaging.inbox_state WHERE message_id = '{id}' AND consumed IS NOT NULL") == 0)
            await Task.Delay(5);
        await DrainedAsync(database, tenant);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Until no product waits for the assessor (its marks go when the batch that assessed them commits).</summary>
    static async Task DrainedAsync(TestDatabase database, Guid tenant)
    {
        while (await ScalarAsync(database, tenant, "SELECT count(*) FROM stock.dirty_products WHERE tenant_id = @t") > 0)
            await Task.Delay(5);
    }

    static IReadOnlyList<SaleRecorded> Sales(Guid tenant, int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var order = Guid.Parse($"bbbbbbbb-0000-0000-0000-{i:D12}");
            var items = Enumerable.Range(0, 3).Select(k => new LineItem(Guid.Parse($"00000000-0000-0000-0000-{1 + (i * 31 + k * 337) % Products:D12}"), 2, 10, 0, 20))
                .DistinctBy(l => l.ProductId).ToList();
            return new SaleRecorded(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, NewId.NextGuid(), order, $"PED-{i}", null, Guid.Empty, null, null,
                DateTimeOffset.UtcNow, items.Sum(l => l.TotalValue), items);
        })];

    /// <summary>The same messages from a backlog on the same transport, taken by a consumer that does nothing.</summary>
    static async Task<Result> EmptyConsumerAsync(TestDatabase database, Guid tenant, string redis, int count)
    {
        var measurement = new Measurement(count);
        // The backlog is sent to the endpoint's stream while nobody consumes it (a send needs no subscription yet).
        using var publisher = await BusAsync(redis, "bench-empty:");
        var queue = await publisher.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:empty"));
        foreach (var sale in Sales(tenant, count))
            await queue.Send(sale, c => Stamp(c, tenant));
        using var consumer = await BusAsync(redis, "bench-empty:", x => x.AddConsumer<EmptySaleConsumer>().Endpoint(e => e.Name = "empty"), measurement,
            start: false, database: database);
        measurement.Start();
        var started = Stopwatch.GetTimestamp();
        await consumer.StartAsync();
        await measurement.Done.WaitAsync(TimeSpan.FromMinutes(10));
        return new Result($"empty consumer takes the same {count:N0} off the transport", count / Stopwatch.GetElapsedTime(started).TotalSeconds, 0, 0);
    }

    /// <summary>StockUpdated at a fixed rate, each to a new level of a product; the time until the vertical's read model shows it.</summary>
    static async Task<Result> PacedAsync(TestDatabase database, IBus bus, Guid tenant, double perSecond, int count)
    {
        // Per product, the levels sent and not yet seen, oldest first. A product's level only rises, so a row showing a level
        // shows every earlier one too: two updates inside one assessment round are published as the last one alone.
        var sent = new Dictionary<Guid, Queue<(decimal Level, long At)>>();
        var unseen = 0;
        var latencies = new List<double>();
        var levels = Enumerable.Range(1, Products).ToDictionary(i => Guid.Parse($"00000000-0000-0000-0000-{i:D12}"), _ => 1000m);
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(database.OwnerConnection);
            await connection.OpenAsync();
            // Only rows written since the last poll (with a second of slack for clocks and commit order): reading the
            // whole table 200 times a second would load the machine the system under test runs on.
            var since = DateTime.UtcNow.AddMinutes(-1);
            while (!stop.IsCancellationRequested)
            {
                await using var tx = await connection.BeginTransactionAsync();
                await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant}', true)", connection, tx))
                    await set.ExecuteScalarAsync();
                await using var cmd = new NpgsqlCommand(
                    "SELECT product_id, on_hand, event_at FROM construction.insight_produtos_estoque WHERE event_at > $1", connection, tx);
                cmd.Parameters.Add(new NpgsqlParameter { Value = since.AddSeconds(-1) });
                await using (var reader = await cmd.ExecuteReaderAsync())
                    while (await reader.ReadAsync())
                    {
                        var eventAt = reader.GetDateTime(2);
                        if (eventAt > since)
                            since = eventAt;
                        var level = reader.GetDecimal(1);
                        lock (sent)
                            if (sent.TryGetValue(reader.GetGuid(0), out var levels))
                                while (levels.TryPeek(out var next) && next.Level <= level)
                                {
                                    latencies.Add(Stopwatch.GetElapsedTime(levels.Dequeue().At).TotalMilliseconds);
                                    unseen--;
                                }
                    }
                await tx.CommitAsync();
                await Task.Delay(5);
            }
        });
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var begin = Stopwatch.GetTimestamp();
        // The first ten seconds warm the path up and are not measured: the vertical has just started, and the runtime
        // compiles, then recompiles optimized, what it runs first (its tiered JIT took 14% of the machine's CPU in a
        // profile of the seconds after its start, `perf record -a`). A service in production has long been warm.
        var warmUp = (int)(perSecond * 10);
        for (var i = 0; i < count + warmUp; i++)
        {
            var due = begin + (long)(interval.TotalSeconds * i * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < due)
                await Task.Delay(1);
            var product = Guid.Parse($"00000000-0000-0000-0000-{1 + i % Products:D12}");
            var old = levels[product];
            var now = old + 1;
            levels[product] = now;
            if (i >= warmUp)
                lock (sent)
                {
                    if (!sent.TryGetValue(product, out var queue))
                        sent[product] = queue = new Queue<(decimal, long)>();
                    queue.Enqueue((now, Stopwatch.GetTimestamp()));
                    unseen++;
                }
            await bus.Publish(new StockUpdated(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, NewId.NextGuid(), product, old, now, "entrada", null, null),
                c => Stamp(c, tenant));
        }
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            lock (sent)
                if (unseen == 0)
                    break;
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await poller;
        var sorted = latencies.Order().ToArray();
        double Pct(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Result($"paced at {perSecond:N0}/s, {sorted.Length:N0} of {count:N0} seen after {warmUp:N0} unmeasured (poll every 5 ms)", perSecond,
            Pct(0.50), Pct(0.99));
    }

    /// <summary>When the engine took its first message after <paramref name="after"/>: its earliest inbox row since.</summary>
    static async Task<DateTime> FirstReceivedAsync(TestDatabase database, DateTime after)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnection);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT min(received) FROM messaging.inbox_state WHERE received >= $1", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = after });
        return (DateTime)(await cmd.ExecuteScalarAsync())!;
    }

    static void Stamp(SendContext c, Guid tenant)
    {
        c.Headers.Set(TenantHeaders.TenantId, tenant.ToString("D"));
        c.Headers.Set(TenantHeaders.TenantSlug, "bench-engines");
    }

    static async Task<double> MedianAsync(int runs, Func<Task<double>> run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
            times.Add(await run());
        return times.Order().ElementAt(times.Count / 2);
    }

    static async Task<double> MedianAsync(int runs, Func<Task<long>> run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return times.Order().ElementAt(times.Count / 2);
    }

    static async Task<long> ScalarAsync(TestDatabase database, Guid tenant, string sql)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnection);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant}', true)", connection, tx))
            await set.ExecuteScalarAsync();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.Parameters.AddWithValue("t", tenant);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    /// <summary>A publishing bus (and consumers) on our transport, as the services join it.</summary>
    static async Task<IHost> BusAsync(string redis, string prefix, Action<IBusRegistrationConfigurator>? consumers = null, Measurement? measurement = null,
        bool start = true, TestDatabase? database = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<BaseCommerce.Tenancy.TenantContext>();
        if (database is not null)
        {
            // Consumers open the message's tenant from the directory, as every service does.
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(database.AppConnection));
            builder.Services.AddSingleton<BaseCommerce.Tenancy.TenantDirectory>();
        }
        if (measurement is not null)
            builder.Services.AddSingleton(measurement);
        builder.Services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = redis;
            o.KeyPrefix = prefix;
            o.Redeliveries = [];
            // The raw-consumer baseline runs without an inbox; the engine hosts add theirs.
            o.AllowEndpointsWithoutInbox = true;
        }, x => consumers?.Invoke(x));
        var host = builder.Build();
        if (start)
            await host.StartAsync();
        return host;
    }
}

/// <summary>Takes a SaleRecorded and does nothing: the transport's raw consume rate with the same messages.</summary>
public sealed class EmptySaleConsumer(Measurement measurement) : IConsumer<SaleRecorded>
{
    public Task Consume(ConsumeContext<SaleRecorded> context)
    {
        measurement.Arrived(Stopwatch.GetTimestamp());
        return Task.CompletedTask;
    }
}
