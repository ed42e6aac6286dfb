using BaseCommerce.Messaging.RedisStreams.Transport;
using BaseCommerce.Testing;
using MassTransit;
using Shouldly;

namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

/// <summary>What happens when consumers crash, handlers run long, messages poison their consumers, or Redis restarts.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task EntriesOfACrashedReplica_AreReclaimedByALiveOne_AfterTheLockDuration()
    {
        var prefix = TestSettings.NewRedisPrefix();
        var client = new RedisStreamsClient(TestBus.Redis.Value.GetDatabase());
        var keys = new RedisStreamsKeys(prefix);
        var product = Guid.NewGuid();
        // The sender stays up until the end: disposing a test bus deletes every key under its prefix.
        await using var sender = await TestBus.StartAsync(_ => { }, prefix: prefix);
        await (await sender.Bus.GetSendEndpoint(new Uri("queue:recupera"))).Send(new StockChanged(product, 1m));
        // A replica read the message and died before acknowledging it.
        await client.EnsureGroupAsync(keys.Stream("recupera"), "recupera");
        (await client.ReadGroupAsync(keys.Stream("recupera"), "recupera", "replica-morta", 10)).Count.ShouldBe(1);

        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "recupera"),
            e => { e.LockDuration = TimeSpan.FromMilliseconds(500); e.ClaimInterval = TimeSpan.FromMilliseconds(200); }, prefix);

        await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(product)));
        CountingConsumer.Redelivered[product].ShouldBe([true]);
        await TestBus.Eventually(async () => (await client.PendingAsync(keys.Stream("recupera"), "recupera")).Count == 0);
    }

    [Fact]
    public async Task ALongHandler_RenewsItsClaim_AndIsNotStolenByAnotherReplica()
    {
        LongRunningConsumer.Started = 0;
        var prefix = TestSettings.NewRedisPrefix();
        void Fast(IRedisStreamsReceiveEndpointConfigurator e)
        {
            e.LockDuration = TimeSpan.FromMilliseconds(600);
            e.ClaimInterval = TimeSpan.FromMilliseconds(100);
        }
        await using var first = await TestBus.StartAsync(x => x.AddConsumer<LongRunningConsumer>().Endpoint(e => e.Name = "longo"), e =>
        {
            Fast(e);
            e.ConsumerName = "replica-1";
        }, prefix);
        await using var second = await TestBus.StartAsync(x => x.AddConsumer<LongRunningConsumer>().Endpoint(e => e.Name = "longo"), e =>
        {
            Fast(e);
            e.ConsumerName = "replica-2";
        }, prefix);

        await (await first.Bus.GetSendEndpoint(new Uri("queue:longo"))).Send(new Slow(1));

        await TestBus.Eventually(async () => await first.Client.LengthAsync(first.Keys.Stream("longo")) == 0, TimeSpan.FromSeconds(10));
        LongRunningConsumer.Started.ShouldBe(1, "a 2 s handler outlived three lock durations without being reclaimed");
    }

    [Fact]
    public async Task AReplicaThatLosesItsClaim_CancelsItsHandler_AndLeavesTheEntryToItsNewOwner()
    {
        // Review finding 4: a replica whose claim was taken (a stall past the lock duration) kept running the handler, and
        // its outcome (redeliver, dead-letter, release) acted on an entry the new owner was handling.
        var prefix = TestSettings.NewRedisPrefix();
        var id = Guid.NewGuid();
        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<ContestedConsumer>().Endpoint(e => e.Name = "disputa"), e =>
        {
            e.LockDuration = TimeSpan.FromMilliseconds(600);
            e.ClaimInterval = TimeSpan.FromMilliseconds(100);
        }, prefix);
        var stream = bus.Keys.Stream("disputa");
        await (await bus.Bus.GetSendEndpoint(new Uri("queue:disputa"))).Send(new Contested(id));
        await TestBus.Eventually(() => Task.FromResult(ContestedConsumer.Runs.ContainsKey(id)), because: "the handler started");

        // A peer takes the entry over while the handler runs.
        var entryId = (await bus.Client.PendingAsync(stream, "disputa")).OldestId!;
        await bus.Database.ExecuteAsync("XCLAIM", stream, "disputa", "outra-replica", 0, entryId, "JUSTID");

        await TestBus.Eventually(() => Task.FromResult(ContestedConsumer.Runs[id].Contains("cancelled")), TimeSpan.FromSeconds(3),
            because: "the renewal finds the claim taken and cancels the handler");
        // The peer's claim is untouched by the old owner's fault: no redelivered copy, nothing dead-lettered, still pending.
        (await bus.Client.PendingAsync(stream, "disputa")).PerConsumer.Keys.ShouldBe(["outra-replica"]);
        (await bus.Client.DelayedCountAsync(bus.Keys, "disputa")).ShouldBe(0);
        (await bus.Client.LengthAsync(bus.Keys.Stream("disputa_error"))).ShouldBe(0);

        // The peer "dies": after a lock duration the entry is reclaimed and handled once more, to the end.
        await TestBus.Eventually(async () => await bus.Client.LengthAsync(stream) == 0, TimeSpan.FromSeconds(10));
        ContestedConsumer.Runs[id].ShouldBe(["started", "cancelled", "completed"]);
        (await bus.Client.LengthAsync(bus.Keys.Stream("disputa_error"))).ShouldBe(0);
    }

    [Fact]
    public async Task TheNamesOfEndedProcesses_AreRemovedFromTheGroup_OnceTheyHoldNothing()
    {
        // Review finding 11: every start is a new consumer name ({machine}-{pid}); ended ones piled up in the group forever.
        var prefix = TestSettings.NewRedisPrefix();
        var client = new RedisStreamsClient(TestBus.Redis.Value.GetDatabase());
        var stream = new RedisStreamsKeys(prefix).Stream("nomes");
        await client.EnsureGroupAsync(stream, "nomes");
        // Three ended processes: two read nothing, one died holding an entry.
        await client.ReadGroupAsync(stream, "nomes", "finado-1", 1);
        await client.ReadGroupAsync(stream, "nomes", "finado-2", 1);
        await client.AddAsync(stream, [new("message-id", Guid.NewGuid().ToString()), new("body", "{}")]);
        (await client.ReadGroupAsync(stream, "nomes", "finado-3", 1)).Count.ShouldBe(1);

        void Fast(IRedisStreamsReceiveEndpointConfigurator e)
        {
            e.LockDuration = TimeSpan.FromMilliseconds(300);
            e.ClaimInterval = TimeSpan.FromMilliseconds(100);
        }
        await using var first = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "nomes"), e =>
        {
            Fast(e);
            e.ConsumerName = "vivo-1";
        }, prefix);
        await using var second = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "nomes"), e =>
        {
            Fast(e);
            e.ConsumerName = "vivo-2";
        }, prefix);
        // Each live replica gets entries (Redis 7.0 adds a consumer to the group only when a read returns some).
        var endpoint = await first.Bus.GetSendEndpoint(new Uri("queue:nomes"));
        await TestBus.Eventually(async () =>
        {
            await endpoint.Send(new StockChanged(Guid.NewGuid(), 1m));
            var names = (await client.ConsumersAsync(stream, "nomes")).Select(c => c.Name).ToList();
            return names.Contains("vivo-1") && names.Contains("vivo-2");
        }, because: "both replicas took entries");

        // finado-3's entry is reclaimed (and dead-lettered: it is no message), then the ended names go.
        await TestBus.Eventually(async () => !(await client.ConsumersAsync(stream, "nomes")).Any(c => c.Name.StartsWith("finado", StringComparison.Ordinal)),
            because: "the ended processes' names are removed");
        // Quiet for three times the threshold: Redis counts the live ones idle, their heartbeats keep them.
        await Task.Delay(TimeSpan.FromSeconds(3.6));
        (await client.ConsumersAsync(stream, "nomes")).Select(c => c.Name).Order().ShouldBe(["vivo-1", "vivo-2"]);
    }

    [Fact]
    public async Task OperatorsSeeTheLiveConsumerOfAQuietQueue()
    {
        // Redis 7.0 lists a group's consumer only after a read returned entries: a live engine that has received nothing
        // showed 0 consumers in basec streams. The count is the consumers with a fresh heartbeat.
        var prefix = TestSettings.NewRedisPrefix();
        var admin = new RedisStreamsAdmin(TestBus.Redis.Value, prefix);
        var client = new RedisStreamsClient(TestBus.Redis.Value.GetDatabase());
        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "silencioso"),
            e => e.ClaimInterval = TimeSpan.FromMilliseconds(100), prefix);

        await TestBus.Eventually(async () => (await admin.EndpointsAsync()).Single(e => e.Queue == "silencioso").Consumers == 1);
        (await client.ConsumersAsync(new RedisStreamsKeys(prefix).Stream("silencioso"), "silencioso")).ShouldBeEmpty("Redis itself lists none");
    }

    [Fact]
    public async Task APoisonMessage_GoesToTheErrorStream_AfterTheMaximumDeliveryCount_AndReplayBringsItBack()
    {
        var prefix = TestSettings.NewRedisPrefix();
        var client = new RedisStreamsClient(TestBus.Redis.Value.GetDatabase());
        var keys = new RedisStreamsKeys(prefix);
        var product = Guid.NewGuid();
        await using var sender = await TestBus.StartAsync(_ => { }, prefix: prefix);
        await (await sender.Bus.GetSendEndpoint(new Uri("queue:veneno"))).Send(new StockChanged(product, 1m));
        await client.EnsureGroupAsync(keys.Stream("veneno"), "veneno");
        // Each replica that took it died: the entry was delivered twice and never acknowledged.
        await client.ReadGroupAsync(keys.Stream("veneno"), "veneno", "morta-1", 1);
        await Task.Delay(50);
        (await client.ReclaimAsync(keys.Stream("veneno"), "veneno", "morta-2", TimeSpan.FromMilliseconds(10), 10)).Entries.Single().DeliveryCount.ShouldBe(2);

        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "veneno"), e =>
        {
            e.LockDuration = TimeSpan.FromMilliseconds(300);
            e.ClaimInterval = TimeSpan.FromMilliseconds(100);
            e.MaxDeliveryCount = 2;
        }, prefix);
        var admin = new RedisStreamsAdmin(TestBus.Redis.Value, prefix);

        await TestBus.Eventually(async () => (await admin.ListAsync("veneno")).Count == 1);
        var dead = (await admin.ListAsync("veneno")).Single();
        dead.Reason.ShouldBe("max-delivery-count");
        CountingConsumer.Seen.ContainsKey(product).ShouldBeFalse("a message past its delivery limit is not handed to the consumer again");
        (await admin.EndpointsAsync()).Single(s => s.Queue == "veneno").Errors.ShouldBe(1);

        (await admin.ReplayAsync("veneno")).ShouldBe(1);

        await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(product)));
        (await admin.ListAsync("veneno")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Replay_MovesALargeErrorStreamInPages_AsFreshMessages_EvenPastTheirTimeToLive()
    {
        // Review finding 16: replay was one script over the whole stream (past Redis's busy threshold on a large one), and
        // kept each entry's time to live and redelivery count: an entry that expired while it sat in _error vanished unconsumed.
        var prefix = TestSettings.NewRedisPrefix();
        await using var sender = await TestBus.StartAsync(_ => { }, prefix: prefix);
        var errors = sender.Keys.Stream("reprocesso_error");
        var products = Enumerable.Range(0, 250).Select(_ => Guid.NewGuid()).ToArray();
        var endpoint = await sender.Bus.GetSendEndpoint(new Uri("queue:reprocesso"));
        // Real messages, sent and then moved by hand into the error stream, as failed ones with a spent time to live.
        foreach (var product in products)
            await endpoint.Send(new StockChanged(product, 1m), c => c.TimeToLive = TimeSpan.FromMinutes(1));
        foreach (var entry in await sender.Client.RangeAsync(sender.Keys.Stream("reprocesso"), 1000))
        {
            var sent = TransportMessage.FromEntry(entry);
            var failed = new TransportMessage
            {
                MessageId = sent.MessageId,
                ContentType = sent.ContentType,
                Body = sent.Body,
                Headers = new Dictionary<string, string>(sent.Headers) { ["MT-Redelivery-Count"] = "3" },
                ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(),
            };
            await sender.Client.AddAsync(errors, failed.ToFields());
            await sender.Client.DeleteEntryAsync(sender.Keys.Stream("reprocesso"), entry.Id);
        }
        (await sender.Client.LengthAsync(errors)).ShouldBe(250);

        var admin = new RedisStreamsAdmin(TestBus.Redis.Value, prefix);
        (await admin.ReplayAsync("reprocesso")).ShouldBe(250);
        var replayed = (await sender.Client.RangeAsync(sender.Keys.Stream("reprocesso"), 1000)).Select(TransportMessage.FromEntry).ToList();
        replayed.Select(m => m.MessageId).Distinct().Count().ShouldBe(250);
        replayed.ShouldAllBe(m => m.ExpiresAt == null && !m.Headers.ContainsKey("MT-Redelivery-Count"));

        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "reprocesso"), prefix: prefix);
        await TestBus.Eventually(() => Task.FromResult(products.All(CountingConsumer.Seen.ContainsKey)),
            because: $"{products.Count(CountingConsumer.Seen.ContainsKey)} of 250 replayed messages consumed");
        (await sender.Client.LengthAsync(errors)).ShouldBe(0);
        (await admin.ReplayAsync("reprocesso")).ShouldBe(0, "nothing left to replay");
    }

    [Fact]
    public async Task AfterRedisLosesItsData_PublishesReachTheSubscribersAgain_WithoutARestart()
    {
        // Review finding 1: subscriptions were written only when a receiver connected, so after a FLUSHALL (an empty
        // instance, a failover to a stale node) every publish found no subscriber, counted as sent, until a restart.
        await using var redis = await TestRedisServer.StartAsync();
        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "esvaziado"),
            redis: redis.Configuration);
        var before = Guid.NewGuid();
        await bus.Bus.Publish(new StockChanged(before, 1));
        await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(before)), because: "consumed before the flush");

        using (var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true"))
            await admin.GetServer(admin.GetEndPoints()[0]).FlushAllDatabasesAsync();
        // Two polling intervals: the receiver finds its stream gone and writes its group and subscriptions again.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var after = Guid.NewGuid();
        await bus.Bus.Publish(new StockChanged(after, 2));
        await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(after)), TimeSpan.FromSeconds(15),
            because: "a publish after the flush reaches the subscriber");
    }

    [Fact]
    public async Task AnUnexpectedFailureInTheConsumeLoop_IsRetried_AndTheEndpointKeepsConsuming()
    {
        // Review finding 14: only Redis exceptions were retried; anything else ended the endpoint's consume loop for good
        // (and the process's outbox, which waits for a healthy bus).
        var real = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestSettings.Redis);
        var redis = FaultyRedis.Wrap(real, (script, _) => script.Contains("XREADGROUP", StringComparison.Ordinal), out var faults);
        try
        {
            await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "inesperado"),
                multiplexer: redis);
            var before = Guid.NewGuid();
            await bus.Bus.Publish(new StockChanged(before, 1));
            await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(before)));

            faults.FailuresLeft = 3;
            var after = Guid.NewGuid();
            await bus.Bus.Publish(new StockChanged(after, 2));

            await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(after)), because: "the loop survived three failed reads");
            faults.FailuresLeft.ShouldBeLessThan(0);
            await TestBus.Eventually(() => Task.FromResult(((IBusControl)bus.Harness.Bus).CheckHealth().Status == BusHealthStatus.Healthy),
                because: "the endpoint is healthy again");
        }
        finally
        {
            await real.CloseAsync();
        }
    }

    [Fact]
    public async Task EntriesReclaimedJustBeforeAFailure_AreStillHandled_NotPushedPastTheirDeliveryLimit()
    {
        // Review finding 15: a reclaim raises the delivery count; a failure later in the same receive dropped the entries,
        // so a flapping Redis could push a message that never ran past MaxDeliveryCount into _error.
        var prefix = TestSettings.NewRedisPrefix();
        var client = new RedisStreamsClient(TestBus.Redis.Value.GetDatabase());
        var keys = new RedisStreamsKeys(prefix);
        var product = Guid.NewGuid();
        await using var sender = await TestBus.StartAsync(_ => { }, prefix: prefix);
        await (await sender.Bus.GetSendEndpoint(new Uri("queue:instavel"))).Send(new StockChanged(product, 1m));
        await client.EnsureGroupAsync(keys.Stream("instavel"), "instavel");
        (await client.ReadGroupAsync(keys.Stream("instavel"), "instavel", "morta", 10)).Count.ShouldBe(1);
        await Task.Delay(400); // idle past the lock duration: the first claim takes it

        var real = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestSettings.Redis);
        // The promotion of the queue's delayed messages, which runs right after the claim, fails five times.
        var redis = FaultyRedis.Wrap(real, (script, keys) => script.Contains("ZRANGEBYSCORE", StringComparison.Ordinal)
            && keys.Any(k => k.ToString().Contains("instavel", StringComparison.Ordinal)), out var faults);
        faults.FailuresLeft = 5;
        try
        {
            await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "instavel"), e =>
            {
                e.LockDuration = TimeSpan.FromMilliseconds(300);
                e.ClaimInterval = TimeSpan.FromMilliseconds(100);
                e.MaxDeliveryCount = 3;
            }, prefix, multiplexer: redis);

            await TestBus.Eventually(() => Task.FromResult(CountingConsumer.Seen.ContainsKey(product)), because: "the reclaimed entry is handled");
            (await client.LengthAsync(keys.Stream("instavel_error"))).ShouldBe(0);
        }
        finally
        {
            await real.CloseAsync();
        }
    }

    [Fact]
    public async Task RedisRestart_WhileMessagesFlow_LosesNothing_AndHealthFollowsRedis()
    {
        await using var redis = await TestRedisServer.StartAsync();
        await using var bus = await TestBus.StartAsync(x => x.AddConsumer<CountingConsumer>().Endpoint(e => e.Name = "reinicio"),
            redis: redis.Configuration);
        var endpoint = await bus.Bus.GetSendEndpoint(new Uri("queue:reinicio"));
        var products = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var sawUnhealthy = false;

        for (var i = 0; i < products.Length; i++)
        {
            if (i == 300)
            {
                await redis.StopAsync();
                await TestBus.Eventually(() => Task.FromResult(bus.Harness.Bus is IBusControl control
                    && control.CheckHealth().Status == BusHealthStatus.Unhealthy), because: "the endpoint reports Redis away");
                sawUnhealthy = true;
                await redis.StartAgainAsync();
            }
            // The sender retries like the outbox does: a send that failed is sent again.
            while (true)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await endpoint.Send(new StockChanged(products[i], i), timeout.Token);
                    break;
                }
                catch (Exception)
                {
                    await Task.Delay(100);
                }
            }
        }

        await TestBus.Eventually(() => Task.FromResult(products.All(CountingConsumer.Seen.ContainsKey)), TimeSpan.FromSeconds(30),
            because: $"{products.Count(CountingConsumer.Seen.ContainsKey)} of 1000 consumed");
        sawUnhealthy.ShouldBeTrue();
        await TestBus.Eventually(() => Task.FromResult(((IBusControl)bus.Harness.Bus).CheckHealth().Status == BusHealthStatus.Healthy),
            because: "the endpoint is healthy again once Redis is back");
    }
}
