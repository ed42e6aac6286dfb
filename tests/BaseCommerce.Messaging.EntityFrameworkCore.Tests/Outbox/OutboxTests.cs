using BaseCommerce.Messaging.RedisStreams;
using BaseCommerce.Messaging.Tenancy;
using BaseCommerce.Messaging.TestShop;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Tests.Outbox;

/// <summary>The bus outbox and the inbox on real PostgreSQL and the real Redis Streams transport.</summary>
[Collection(OutboxDatabaseCollection.Name)]
public sealed class OutboxTests(OutboxDatabase db) : IAsyncLifetime
{
    readonly string _prefix = TestSettings.NewRedisPrefix();
    readonly Received _received = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => ShopHost.DeleteKeysAsync(_prefix);

    Task<ShopHost> Start(Action<IBusRegistrationConfigurator>? consumers = null, Action<EntityFrameworkOutboxOptions>? outbox = null,
        Action<IRedisStreamsReceiveEndpointConfigurator>? endpoint = null) =>
        ShopHost.StartAsync(db.Database.AppConnection, _prefix, _received, consumers, outbox, endpoint);

    static Order NewOrder(string numero) => new() { Id = Guid.NewGuid(), Numero = numero };

    [Fact]
    public async Task APublishInAUnitOfWork_IsNotConsumedBeforeCommit_AndArrivesAfterWithItsIdsHeadersAndTenant()
    {
        await using var host = await Start(x => x.AddConsumer<OrderPlacedConsumer>());
        var order = NewOrder("PED-001");
        var messageId = NewId.NextGuid();
        var conversationId = NewId.NextGuid();

        await host.InScope(db.Demo, async (shop, publish, _) =>
        {
            await using var transaction = await shop.Database.BeginTransactionAsync();
            shop.Orders.Add(order);
            await publish.Publish(new OrderPlaced(order.Id, order.Numero), c =>
            {
                c.MessageId = messageId;
                c.ConversationId = conversationId;
                c.Headers.Set("X-Origem", "balcao");
            });
            await shop.SaveChangesAsync();

            await Task.Delay(1500);
            _received.Deliveries.ShouldBeEmpty("nothing is delivered while the transaction is open");
            await transaction.CommitAsync();
        });

        await ShopHost.Eventually(() => Task.FromResult(_received.Deliveries.Count == 1));
        var delivery = _received.Deliveries.Single();
        delivery.Message.ShouldBe(new OrderPlaced(order.Id, "PED-001"));
        delivery.MessageId.ShouldBe(messageId);
        delivery.ConversationId.ShouldBe(conversationId);
        delivery.Headers["X-Origem"].ShouldBe("balcao");
        delivery.Headers[TenantHeaders.TenantId].ShouldBe(db.Demo.Id.ToString("D"));
        delivery.ScopeTenant.ShouldBe(db.Demo.Id, "the consumer's scope acts for the message's tenant");
        await ShopHost.Eventually(async () => await db.CountAsync("messaging.outbox_state") == 0, because: "delivered outboxes are removed");
    }

    [Fact]
    public async Task PoisonOutboxes_BackOff_AndDoNotStarveAHealthyOneBehindThem()
    {
        // Review finding 12: an outbox whose message always fails (here an address no transport here serves) was claimed
        // first by every round; 400 of them filled both workers' rounds of 200, and a later healthy outbox never went.
        await using (var writer = await Start(outbox: o => o.UseBusOutbox(deliveryService: false)))
        {
            for (var i = 0; i < 400; i++)
                await writer.InScope(db.Demo, async (shop, _, scope) =>
                {
                    var nowhere = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:veneno-outbox"));
                    await nowhere.Send(new OrderPlaced(Guid.NewGuid(), "VENENO-" + i));
                    await shop.SaveChangesAsync();
                });
            await writer.InScope(db.Demo, async (shop, publish, _) =>
            {
                await publish.Publish(new OrderPlaced(Guid.NewGuid(), "PED-040"));
                await shop.SaveChangesAsync();
            });
        }
        // The outbox checks addresses as it writes: the poison is an address that went bad in the row.
        await db.ExecuteAsync("UPDATE messaging.outbox_message SET destination_address = 'rabbitmq://nenhum/lugar' " +
            "WHERE destination_address LIKE '%veneno-outbox%'");
        try
        {
            await using var host = await Start(x => x.AddConsumer<OrderPlacedConsumer>());

            await ShopHost.Eventually(() => Task.FromResult(_received.Of<OrderPlaced>().Any(o => o.Numero == "PED-040")), TimeSpan.FromSeconds(15),
                "the healthy outbox is delivered behind 400 failing ones");
            (await db.CountAsync("messaging.outbox_state WHERE attempts > 0 AND next_attempt > now() - interval '1 minute'")).ShouldBeGreaterThan(0);
        }
        finally
        {
            await db.ExecuteAsync("DELETE FROM messaging.outbox_state WHERE outbox_id IN " +
                "(SELECT outbox_id FROM messaging.outbox_message WHERE destination_address LIKE 'rabbitmq:%')");
        }
    }

    [Fact]
    public async Task ARolledBackUnitOfWork_IsNeverDelivered()
    {
        await using var host = await Start(x => x.AddConsumer<OrderPlacedConsumer>());
        var discarded = NewOrder("PED-002");
        var kept = NewOrder("PED-003");

        await host.InScope(db.Demo, async (shop, publish, _) =>
        {
            await using var transaction = await shop.Database.BeginTransactionAsync();
            shop.Orders.Add(discarded);
            await publish.Publish(new OrderPlaced(discarded.Id, discarded.Numero));
            await shop.SaveChangesAsync();
            await transaction.RollbackAsync();
        });
        // A later unit of work that commits: once it has arrived, the discarded one would have too.
        await host.InScope(db.Demo, async (shop, publish, _) =>
        {
            shop.Orders.Add(kept);
            await publish.Publish(new OrderPlaced(kept.Id, kept.Numero));
            await shop.SaveChangesAsync();
        });

        await ShopHost.Eventually(() => Task.FromResult(_received.Of<OrderPlaced>().Any(o => o.OrderId == kept.Id)));
        await Task.Delay(500);
        _received.Of<OrderPlaced>().ShouldNotContain(o => o.OrderId == discarded.Id);
        await host.InScope(db.Demo, async (shop, _, _) => (await shop.Orders.AnyAsync(o => o.Id == discarded.Id)).ShouldBeFalse());
    }

    [Fact]
    public async Task TwoDeliveryReplicas_DeliverEveryMessageExactlyOnce()
    {
        await using var consumer = await Start(x => x.AddConsumer<OrderPlacedConsumer>(), o => o.UseBusOutbox(deliveryService: false));
        await using var replica1 = await Start(outbox: o => o.OutboxBatchSize = 20);
        await using var replica2 = await Start(outbox: o => o.OutboxBatchSize = 20);
        var orders = Enumerable.Range(0, 300).Select(i => NewOrder($"R-{i}")).ToList();

        // Written by the consumer host, which delivers nothing: only the two replicas' delivery services compete.
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (order, _) =>
            await consumer.InScope(db.Demo, async (shop, publish, _) =>
            {
                shop.Orders.Add(order);
                await publish.Publish(new OrderPlaced(order.Id, order.Numero));
                await shop.SaveChangesAsync();
            }));

        var ids = orders.Select(o => o.Id).ToHashSet();
        await ShopHost.Eventually(() => Task.FromResult(_received.Of<OrderPlaced>().Count(o => ids.Contains(o.OrderId)) >= 300),
            TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        _received.Of<OrderPlaced>().Where(o => ids.Contains(o.OrderId)).GroupBy(o => o.OrderId)
            .Where(g => g.Count() > 1).ShouldBeEmpty("no message is delivered twice");
        _received.Of<OrderPlaced>().Count(o => ids.Contains(o.OrderId)).ShouldBe(300);
    }

    [Fact]
    public async Task TheInbox_ConsumesAMessageIdOnce_EvenWhenItArrivesTwice()
    {
        await using var host = await Start(x =>
        {
            x.AddConsumer<ApplyEffectConsumer, ApplyEffectConsumerDefinition>();
            x.AddConsumer<EffectAppliedConsumer>();
        });
        var order = NewOrder("PED-010");
        var messageId = NewId.NextGuid();
        await host.InScope(db.Demo, async (shop, _, _) =>
        {
            shop.Orders.Add(order);
            await shop.SaveChangesAsync();
        });

        // The same message (same MessageId) committed twice, as an at-least-once sender may deliver it.
        for (var i = 0; i < 2; i++)
            await host.InScope(db.Demo, async (shop, _, scope) =>
            {
                var endpoint = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos"));
                await endpoint.Send(new ApplyEffect(order.Id), c => c.MessageId = messageId);
                await shop.SaveChangesAsync();
            });

        await ShopHost.Eventually(() => Task.FromResult(_received.Of<EffectApplied>().Count >= 1),
            because: $"received {string.Join(", ", _received.Deliveries.Select(d => d.Message))}");
        await ShopHost.Eventually(async () => await db.CountAsync("messaging.outbox_state") == 0);
        await Task.Delay(1000);
        _received.Of<ApplyEffect>().Count.ShouldBe(1);
        _received.Of<EffectApplied>().ShouldBe([new EffectApplied(order.Id, 1)]);
        await host.InScope(db.Demo, async (shop, _, _) => (await shop.Orders.SingleAsync(o => o.Id == order.Id)).Effects.ShouldBe(1));
    }

    [Fact]
    public async Task AConsumersWritesAndOutgoingMessages_CommitTogether_OrNotAtAll()
    {
        ApplyEffectConsumer.FailuresToInject = 1;
        await using var host = await Start(x =>
        {
            x.AddConsumer<ApplyEffectConsumer, ApplyEffectConsumerDefinition>();
            x.AddConsumer<EffectAppliedConsumer>();
        });
        var order = NewOrder("PED-020");
        await host.InScope(db.Demo, async (shop, _, scope) =>
        {
            shop.Orders.Add(order);
            var endpoint = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos"));
            await endpoint.Send(new ApplyEffect(order.Id));
            await shop.SaveChangesAsync();
        });

        await ShopHost.Eventually(() => Task.FromResult(_received.Of<EffectApplied>().Count == 1));
        await Task.Delay(1000);
        ApplyEffectConsumer.FailuresToInject.ShouldBeLessThan(0, "the first attempt failed after doing its work");
        _received.Of<EffectApplied>().ShouldBe([new EffectApplied(order.Id, 1)], "the failed attempt's event was rolled back with its write");
        await host.InScope(db.Demo, async (shop, _, _) => (await shop.Orders.SingleAsync(o => o.Id == order.Id)).Effects.ShouldBe(1));
    }

    [Fact]
    public async Task TheBatchInbox_HandsABatchConsumerEachMessageOnce_AndItsEventsCommitWithItsWrites()
    {
        ApplyEffectsConsumer.FailuresToInject = 1;
        await using var host = await Start(x =>
        {
            x.AddBaseCommerceInbox<ShopDb>();
            x.AddBatchConsumerOn<ApplyEffectsConsumer, ApplyEffect>("efeitos-lote");
            x.AddConsumer<EffectAppliedConsumer>();
        });
        var orders = Enumerable.Range(0, 4).Select(i => NewOrder($"PED-03{i}")).ToList();
        var messageIds = orders.Select(_ => NewId.NextGuid()).ToList();
        await host.InScope(db.Demo, async (shop, _, _) =>
        {
            shop.Orders.AddRange(orders);
            await shop.SaveChangesAsync();
        });

        // Messages 0–2, then 1–3 again under the same MessageIds: the second batch repeats two of the first.
        var sent = new HashSet<int>();
        foreach (var round in new[] { new[] { 0, 1, 2 }, [1, 2, 3] })
        {
            sent.UnionWith(round);
            await host.InScope(db.Demo, async (shop, _, scope) =>
            {
                var endpoint = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos-lote"));
                foreach (var i in round)
                    await endpoint.Send(new ApplyEffect(orders[i].Id), c => c.MessageId = messageIds[i]);
                await shop.SaveChangesAsync();
            });
            await ShopHost.Eventually(() => Task.FromResult(_received.Of<ApplyEffect>().Count >= sent.Count),
                because: $"received {string.Join(", ", _received.Deliveries.Select(d => d.Message))}");
        }

        await ShopHost.Eventually(() => Task.FromResult(_received.Of<EffectApplied>().Count >= 4),
            because: $"received {string.Join(", ", _received.Deliveries.Select(d => d.Message))}");
        await ShopHost.Eventually(async () => await db.CountAsync("messaging.outbox_state") == 0);
        await Task.Delay(1000);
        ApplyEffectsConsumer.FailuresToInject.ShouldBeLessThan(0, "the first batch failed after doing its work");
        _received.Of<ApplyEffect>().Count.ShouldBe(4, "each message reaches the consumer once, whatever batch it came in");
        _received.Of<EffectApplied>().OrderBy(e => e.OrderId).ShouldBe(orders.Select(o => new EffectApplied(o.Id, 1)).OrderBy(e => e.OrderId),
            "the failed batch's events were rolled back with its writes, and the repeated messages produced none");
        await host.InScope(db.Demo, async (shop, _, _) =>
        {
            var ids = orders.Select(o => o.Id).ToList();
            (await shop.Orders.Where(o => ids.Contains(o.Id)).Select(o => o.Effects).ToListAsync()).ShouldAllBe(e => e == 1);
        });
    }

    [Fact]
    public async Task ABatchThatMixesStores_IsRefusedWhole_NeverRunAsOneOfThem()
    {
        // Review finding 8: the tenant check read only a top-level TenantId, so a batch ran as its first message's store
        // with another store's messages in it. AddBatchConsumerOn groups by store; a batch consumer registered without it
        // must still never mix them.
        await using var host = await Start(x =>
        {
            x.AddBaseCommerceInbox<ShopDb>();
            x.AddConsumer<ApplyEffectsConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(10).SetTimeLimit(TimeSpan.FromSeconds(1))))
                .Endpoint(e => e.Name = "efeitos-misturados");
        });
        var demoOrder = NewOrder("PED-050");
        var acmeOrder = NewOrder("PED-051");
        await host.InScope(db.Demo, async (shop, _, _) => { shop.Orders.Add(demoOrder); await shop.SaveChangesAsync(); });
        await host.InScope(db.Acme, async (shop, _, _) => { shop.Orders.Add(acmeOrder); await shop.SaveChangesAsync(); });

        foreach (var (store, order) in new[] { (db.Demo, demoOrder), (db.Acme, acmeOrder) })
            await host.InScope(store, async (shop, _, scope) =>
            {
                await (await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos-misturados")))
                    .Send(new ApplyEffect(order.Id));
                await shop.SaveChangesAsync();
            });

        var admin = new RedisStreamsAdmin(ShopHost.Redis.Value, _prefix);
        await ShopHost.Eventually(async () => (await admin.ListAsync("efeitos-misturados")).Count == 2, because: "both messages refused");
        (await admin.ListAsync("efeitos-misturados")).ShouldAllBe(d => d.ExceptionType!.Contains(nameof(MessageTenantException)));
        _received.Of<ApplyEffect>().ShouldBeEmpty();
        await host.InScope(db.Demo, async (shop, _, _) => (await shop.Orders.SingleAsync(o => o.Id == demoOrder.Id)).Effects.ShouldBe(0));
        await host.InScope(db.Acme, async (shop, _, _) => (await shop.Orders.SingleAsync(o => o.Id == acmeOrder.Id)).Effects.ShouldBe(0));
    }

    [Fact]
    public async Task AMessageWithoutTenant_GoesToTheErrorStream_AndIsNotProcessed()
    {
        await using var host = await Start(x => x.AddConsumer<OrderPlacedConsumer>());
        var bus = (IBus)host.Services.GetService(typeof(IBus))!;

        await bus.Publish(new OrderPlaced(Guid.NewGuid(), "SEM-TENANT"));

        var admin = new RedisStreamsAdmin(ShopHost.Redis.Value, _prefix);
        await ShopHost.Eventually(async () => (await admin.EndpointsAsync()).Any(e => e.Errors == 1));
        _received.Deliveries.ShouldBeEmpty();
        var dead = (await admin.ListAsync("OrderPlaced")).Single();
        dead.ExceptionType.ShouldNotBeNull().ShouldContain(nameof(MessageTenantException));
    }

    [Fact]
    public async Task CodeActingForOneStore_CannotPublishWithAnotherStoresTenantHeader()
    {
        // Review finding 9: the stamp kept any tenant header already set, so code running as one store could publish as another.
        await using var host = await Start(x => x.AddConsumer<OrderPlacedConsumer>());

        await host.InScope(db.Demo, async (_, publish, _) =>
        {
            var refused = await Should.ThrowAsync<MessageTenantException>(() => publish.Publish(new OrderPlaced(Guid.NewGuid(), "PED-030"),
                c => c.Headers.Set(TenantHeaders.TenantId, db.Acme.Id.ToString("D"))));
            refused.Message.ShouldContain(db.Demo.Slug);
            // Its own id in the header is fine.
            await publish.Publish(new OrderPlaced(Guid.NewGuid(), "PED-031"), c => c.Headers.Set(TenantHeaders.TenantId, db.Demo.Id.ToString("D")));
        });
    }
}
