using System.Collections.Concurrent;
using BaseCommerce.Messaging.EntityFrameworkCore;
using BaseCommerce.Messaging.RedisStreams;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.TestShop;

/// <summary>What a consumer saw of one message, including the tenant its scope acted for.</summary>
public sealed record Delivery(object Message, Guid? MessageId, Guid? ConversationId, IReadOnlyDictionary<string, object> Headers, Guid? ScopeTenant);

/// <summary>What consumers saw, shared by every host of a test.</summary>
public sealed class Received
{
    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public void Add<T>(ConsumeContext<T> context, TenantContext tenant) where T : class =>
        Deliveries.Enqueue(new Delivery(context.Message, context.MessageId, context.ConversationId,
            context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value), tenant.Tenant?.Id));

    public IReadOnlyList<T> Of<T>() where T : class => [.. Deliveries.Select(d => d.Message).OfType<T>()];
}

/// <summary>
/// A real generic host, as a service runs: EF Core outbox on <see cref="ShopDb"/>, the Redis Streams transport of
/// the test run under a key prefix of the test, the outbox's hosted services running.
/// </summary>
public sealed class ShopHost : IAsyncDisposable
{
    public static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TestSettings.Redis + ",allowAdmin=true"));

    readonly IHost _host;

    ShopHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static async Task<ShopHost> StartAsync(string appConnection, string prefix, Received received,
        Action<IBusRegistrationConfigurator>? consumers = null, Action<EntityFrameworkOutboxOptions>? outbox = null,
        Action<IRedisStreamsReceiveEndpointConfigurator>? endpoint = null, string? redis = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole().SetMinimumLevel(
            Environment.GetEnvironmentVariable("BASEC_TEST_BUS_LOG") is { Length: > 0 } ? LogLevel.Debug : LogLevel.Warning);
        builder.Services.AddSingleton(received);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(appConnection));
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddDbContext<ShopDb>(o =>
        {
            o.UseNpgsql(appConnection);
            if (CrashPointsEnabled)
                o.AddInterceptors(new CrashPoint.CommitInterceptor());
            if (Environment.GetEnvironmentVariable("SHOP_SQL_LOG") is { Length: > 0 })
                o.LogTo(Console.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
        });
        builder.Services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = redis ?? TestSettings.Redis;
            o.KeyPrefix = prefix;
            // The shop's observers (EffectAppliedConsumer…) watch raw delivery; ApplyEffect's endpoints opt into the inbox.
            o.AllowEndpointsWithoutInbox = true;
            o.ImmediateRetries = 1;
            o.Redeliveries = [];
            o.Endpoint = e =>
            {
                e.PollingInterval = TimeSpan.FromMilliseconds(200);
                endpoint?.Invoke(e);
            };
        }, x =>
        {
            x.AddBaseCommerceOutbox<ShopDb>(o =>
            {
                o.QueryDelay = TimeSpan.FromMilliseconds(500);
                outbox?.Invoke(o);
            });
            consumers?.Invoke(x);
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ShopHost(host);
    }

    /// <summary>The endpoint settings of both sides of the crash tests: short locks, so a dead replica's entry is reclaimed fast.</summary>
    public static void CrashTestEndpoint(IRedisStreamsReceiveEndpointConfigurator endpoint)
    {
        endpoint.LockDuration = TimeSpan.FromSeconds(1);
        endpoint.ClaimInterval = TimeSpan.FromMilliseconds(250);
        endpoint.UseFilter(new CrashPoint());
    }

    /// <summary>Whether this process is the child the crash tests kill: only there do the crash points pause.</summary>
    public static bool CrashPointsEnabled => Environment.GetEnvironmentVariable("SHOP_CRASH_POINTS") == "1";

    /// <summary>Runs <paramref name="work"/> in a new scope acting for <paramref name="tenant"/>, as a request would.</summary>
    public async Task InScope(TenantInfo tenant, Func<ShopDb, IPublishEndpoint, IServiceProvider, Task> work)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
        await work(scope.ServiceProvider.GetRequiredService<ShopDb>(), scope.ServiceProvider.GetRequiredService<IPublishEndpoint>(),
            scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public static Task DeleteKeysAsync(string prefix) =>
        Redis.Value.GetDatabase().ScriptEvaluateAsync(
            "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0", [], [prefix + "*"]);

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
