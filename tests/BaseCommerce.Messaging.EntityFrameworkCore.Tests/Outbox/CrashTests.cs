using BaseCommerce.Messaging.RedisStreams;
using BaseCommerce.Messaging.TestShop;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Tests.Outbox;

/// <summary>A consumer process killed with SIGKILL while it holds a message: another replica finishes it, once.</summary>
[Collection(OutboxDatabaseCollection.Name)]
public sealed class CrashTests(OutboxDatabase db) : IAsyncLifetime
{
    readonly string _prefix = TestSettings.NewRedisPrefix();
    readonly Received _received = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ShopHost.DeleteKeysAsync(_prefix);

    [Theory]
    [InlineData(CrashPoint.DuringHandling)] // work done, transaction open: PostgreSQL rolls it back
    [InlineData(CrashPoint.AfterCommit)]    // inbox committed, entry never acknowledged: the inbox must stop a second run
    public async Task AConsumerKilledHoldingAMessage_IsReplacedByAnotherReplica_WithoutADoubleEffect(string crashPoint)
    {
        var app = db.Database.AppConnection;
        await using var sender = await ShopHost.StartAsync(app, _prefix, _received, x => x.AddConsumer<EffectAppliedConsumer>());
        var order = new Order { Id = Guid.NewGuid(), Numero = "PED-" + crashPoint };
        using var child = await ChildShop.StartAsync(app, _prefix);

        await sender.InScope(db.Demo, async (shop, _, scope) =>
        {
            shop.Orders.Add(order);
            var endpoint = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos"));
            await endpoint.Send(new ApplyEffect(order.Id), c => c.Headers.Set(CrashPoint.Header, crashPoint));
            await shop.SaveChangesAsync();
        });
        await child.WaitForLine(crashPoint, TimeSpan.FromSeconds(20));
        child.Kill();

        await using var replica = await ShopHost.StartAsync(app, _prefix, _received,
            x => x.AddConsumer<ApplyEffectConsumer, ApplyEffectConsumerDefinition>(), o => o.UseBusOutbox(deliveryService: false),
            ShopHost.CrashTestEndpoint);

        var admin = new RedisStreamsAdmin(ShopHost.Redis.Value, _prefix);
        await ShopHost.Eventually(async () => (await admin.EndpointsAsync()).Single(e => e.Queue == "efeitos") is { Backlog: 0, Pending: 0 },
            TimeSpan.FromSeconds(20), "the replica reclaims and completes the dead consumer's entry");
        await ShopHost.Eventually(() => Task.FromResult(_received.Of<EffectApplied>().Count >= 1));
        await Task.Delay(1000);
        _received.Of<EffectApplied>().ShouldBe([new EffectApplied(order.Id, 1)], "the effect's event is published once");
        await sender.InScope(db.Demo, async (shop, _, _) => (await shop.Orders.SingleAsync(o => o.Id == order.Id)).Effects.ShouldBe(1));
        (await admin.EndpointsAsync()).Single(e => e.Queue == "efeitos").Errors.ShouldBe(0);
    }

    [Fact]
    public async Task AConsumerKilledTheMomentItsInboxCommits_StillHasItsEventSent_EvenIfTheEntryIsThenDeadLettered()
    {
        // Review finding 2: the consumer's events hung on its inbox row and were sent only by a later step of the same
        // delivery; killed between the two, an entry that then went to _error unprocessed (here: past its delivery limit)
        // left the effect committed and its event unsent for good. The events are bus-outbox rows of the same commit now.
        var app = db.Database.AppConnection;
        await using var sender = await ShopHost.StartAsync(app, _prefix, _received, x => x.AddConsumer<EffectAppliedConsumer>());
        var order = new Order { Id = Guid.NewGuid(), Numero = "PED-" + CrashPoint.AtInboxCommit };
        using var child = await ChildShop.StartAsync(app, _prefix);

        await sender.InScope(db.Demo, async (shop, _, scope) =>
        {
            shop.Orders.Add(order);
            var endpoint = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos"));
            await endpoint.Send(new ApplyEffect(order.Id), c => c.Headers.Set(CrashPoint.Header, CrashPoint.AtInboxCommit));
            await shop.SaveChangesAsync();
        });
        await child.WaitForLine(CrashPoint.AtInboxCommit, TimeSpan.FromSeconds(20));
        child.Kill();

        await using var replica = await ShopHost.StartAsync(app, _prefix, _received,
            x => x.AddConsumer<ApplyEffectConsumer, ApplyEffectConsumerDefinition>(), o => o.UseBusOutbox(deliveryService: false), e =>
            {
                ShopHost.CrashTestEndpoint(e);
                e.MaxDeliveryCount = 1;
            });

        var admin = new RedisStreamsAdmin(ShopHost.Redis.Value, _prefix);
        await ShopHost.Eventually(async () => (await admin.EndpointsAsync()).Single(e => e.Queue == "efeitos") is { Backlog: 0, Pending: 0, Errors: 1 },
            TimeSpan.FromSeconds(20), "the replica dead-letters the reclaimed entry without running it");
        await ShopHost.Eventually(() => Task.FromResult(_received.Of<EffectApplied>().Count >= 1), TimeSpan.FromSeconds(10),
            "the committed effect's event is sent");
        await Task.Delay(1000);
        _received.Of<EffectApplied>().ShouldBe([new EffectApplied(order.Id, 1)]);
        await sender.InScope(db.Demo, async (shop, _, _) => (await shop.Orders.SingleAsync(o => o.Id == order.Id)).Effects.ShouldBe(1));
    }
}
