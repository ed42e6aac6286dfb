using BaseCommerce.Messaging.TestShop;
using MassTransit;

// The shop as a child process of the crash tests: consumes ApplyEffect behind the inbox, with the crash points on.
// Environment: SHOP_DB (PostgreSQL connection, service role), SHOP_PREFIX (the test's Redis key prefix), SHOP_CRASH_POINTS=1.
var connection = Environment.GetEnvironmentVariable("SHOP_DB") ?? throw new InvalidOperationException("SHOP_DB is required");
var prefix = Environment.GetEnvironmentVariable("SHOP_PREFIX") ?? throw new InvalidOperationException("SHOP_PREFIX is required");

await using var host = await ShopHost.StartAsync(connection, prefix, new Received(),
    x => x.AddConsumer<ApplyEffectConsumer, ApplyEffectConsumerDefinition>(),
    outbox: o => o.UseBusOutbox(deliveryService: false),
    endpoint: ShopHost.CrashTestEndpoint);
Console.Out.WriteLine("ready");
await Console.Out.FlushAsync();
await Task.Delay(Timeout.Infinite);
