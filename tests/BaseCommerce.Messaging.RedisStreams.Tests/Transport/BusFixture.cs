using BaseCommerce.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

/// <summary>
/// A MassTransit test harness on the Redis Streams transport, against the real Redis of the test run. Each bus gets
/// its own key prefix, so tests run side by side and leave nothing behind.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    public static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TestSettings.Redis + ",allowAdmin=true"));

    TestBus(ServiceProvider provider, string prefix)
    {
        Provider = provider;
        Prefix = prefix;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    public ServiceProvider Provider { get; }
    public ITestHarness Harness { get; }
    public string Prefix { get; }
    public IBus Bus => Harness.Bus;
    public IDatabase Database => Redis.Value.GetDatabase();

    internal RedisStreamsClient Client => new(Database);
    internal RedisStreamsKeys Keys => new(Prefix);

    public static async Task<TestBus> StartAsync(Action<IBusRegistrationConfigurator> configure,
        Action<IRedisStreamsReceiveEndpointConfigurator>? endpoint = null, string? prefix = null, string? redis = null,
        IConnectionMultiplexer? multiplexer = null)
    {
        prefix ??= TestSettings.NewRedisPrefix();
        var services = new ServiceCollection();
        if (Environment.GetEnvironmentVariable("BASEC_TEST_BUS_LOG") is { Length: > 0 })
            services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug));
        services.AddMassTransitTestHarness(x =>
        {
            configure(x);
            x.AddConfigureEndpointsCallback((_, _, cfg) =>
            {
                if (cfg is not IRedisStreamsReceiveEndpointConfigurator redisEndpoint)
                    return;
                redisEndpoint.PollingInterval = TimeSpan.FromMilliseconds(200);
                endpoint?.Invoke(redisEndpoint);
            });
            x.UsingRedisStreams((context, cfg) =>
            {
                if (multiplexer is not null)
                    cfg.Host(multiplexer, h => h.KeyPrefix = prefix);
                else
                    cfg.Host(redis ?? TestSettings.Redis, h => h.KeyPrefix = prefix);
                cfg.ConfigureEndpoints(context);
            });
        });
        services.Configure<MassTransitHostOptions>(o => o.StopTimeout = TimeSpan.FromSeconds(10));
        var provider = services.BuildServiceProvider(true);
        var bus = new TestBus(provider, prefix);
        bus.Harness.TestTimeout = TimeSpan.FromSeconds(20);
        bus.Harness.TestInactivityTimeout = TimeSpan.FromSeconds(5);
        await bus.Harness.Start();
        return bus;
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await Provider.DisposeAsync();
        await DeleteKeysAsync(Database, Prefix);
    }

    public static Task DeleteKeysAsync(IDatabase database, string prefix) =>
        database.ScriptEvaluateAsync("for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0",
            [], [prefix + "*"]);

    /// <summary>Polls until <paramref name="condition"/> holds, or fails the test after <paramref name="timeout"/>.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException("Condition not met in time" + (because is null ? "" : ": " + because));
            await Task.Delay(50);
        }
    }
}
