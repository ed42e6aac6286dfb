using BaseCommerce.Messaging.TestShop;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Tests.Outbox;

/// <summary>Redis stopped and started again while 1,000 messages flow from the outbox to an inbox consumer.</summary>
[Collection(OutboxDatabaseCollection.Name)]
public sealed class RedisRestartTests(OutboxDatabase db)
{
    [Fact]
    public async Task RedisRestart_WhileOneThousandMessagesFlow_EachIsConsumedExactlyOnce()
    {
        await using var redis = await TestRedisServer.StartAsync();
        var prefix = TestSettings.NewRedisPrefix();
        await using var host = await ShopHost.StartAsync(db.Database.AppConnection, prefix, new Received(),
            x => x.AddConsumer<ApplyEffectConsumer, ApplyEffectConsumerDefinition>(), redis: redis.Configuration);
        var orders = Enumerable.Range(0, 1000).Select(i => new Order { Id = Guid.NewGuid(), Numero = $"RR-{i}" }).ToList();
        await host.InScope(db.Demo, async (shop, _, _) =>
        {
            shop.Orders.AddRange(orders);
            await shop.SaveChangesAsync();
        });

        // 20 units of work of 50 messages each; Redis goes away after the tenth and comes back while the rest are written.
        foreach (var (batch, index) in orders.Chunk(50).Select((b, i) => (b, i)))
        {
            if (index == 10)
                await redis.StopAsync();
            if (index == 14)
                await redis.StartAgainAsync();
            await host.InScope(db.Demo, async (shop, _, scope) =>
            {
                var endpoint = await scope.GetRequiredService<ISendEndpointProvider>().GetSendEndpoint(new Uri("queue:efeitos"));
                foreach (var order in batch)
                    await endpoint.Send(new ApplyEffect(order.Id));
                await shop.SaveChangesAsync();
            });
        }

        var ids = orders.Select(o => o.Id).ToList();
        var effects = new Dictionary<int, int>();
        await ShopHost.Eventually(async () =>
        {
            await host.InScope(db.Demo, async (shop, _, _) =>
                effects = await shop.Orders.Where(o => ids.Contains(o.Id)).GroupBy(o => o.Effects).ToDictionaryAsync(g => g.Key, g => g.Count()));
            return effects.GetValueOrDefault(1) == 1000 || effects.Keys.Any(k => k > 1);
        }, TimeSpan.FromSeconds(90), because: "effects so far: " + string.Join(", ", effects.Select(e => $"{e.Key}→{e.Value}")));
        effects.ShouldBe(new Dictionary<int, int> { [1] = 1000 }, "every message consumed, none twice");
    }
}
