using BaseCommerce.Messaging.EntityFrameworkCore;
using BaseCommerce.Messaging.RedisStreams;
using BaseCommerce.Messaging.Tenancy;
using BaseCommerce.Tenancy;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaseCommerce.Messaging;

/// <summary>Where a service's bus connects, and how.</summary>
public sealed class BaseCommerceMessagingOptions
{
    /// <summary>StackExchange.Redis configuration string of the Redis that carries the streams.</summary>
    public string RedisConfiguration { get; set; } = "127.0.0.1:6379";

    /// <summary>Every key of the transport starts with it; one Redis can then serve several isolated deployments.</summary>
    public string KeyPrefix { get; set; } = "bc:mt:";

    /// <summary>Immediate retries of a failing consumer before the message is redelivered later, then sent to <c>_error</c>.</summary>
    public int ImmediateRetries { get; set; } = 3;

    /// <summary>Delays of the redeliveries that follow the immediate retries.</summary>
    public TimeSpan[] Redeliveries { get; set; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>Extra settings of each receive endpoint (lock duration, concurrency…).</summary>
    public Action<IRedisStreamsReceiveEndpointConfigurator>? Endpoint { get; set; }

    /// <summary>
    /// Lets receive endpoints run without the inbox (at-least-once, a retry republishing under new message ids). Only for
    /// test harnesses that watch raw delivery; a service refuses to start with such an endpoint.
    /// </summary>
    public bool AllowEndpointsWithoutInbox { get; set; }
}

/// <summary>
/// How every BaseCommerce service joins the bus: MassTransit on the Redis Streams transport, the tenant stamped on
/// every message sent or published and opened as the scope of every message consumed, retries that never retry a
/// tenant error. Consumers and the outbox are added through <paramref name="configure"/>.
/// </summary>
public static class MessagingRegistration
{
    public static IServiceCollection AddBaseCommerceMessaging(this IServiceCollection services, Action<BaseCommerceMessagingOptions> options,
        Action<IBusRegistrationConfigurator> configure)
    {
        var settings = new BaseCommerceMessagingOptions();
        options(settings);
        services.AddMassTransit(x =>
        {
            // MassTransit 8.5 reports usage to its vendor over the internet by default: no store's process calls out.
            x.DisableUsageTelemetry();
            // Retries first: a batch consumer's retry joins its own pipe, inside whatever was configured before it,
            // and inside the inbox it would run again in the failed attempt's transaction (its writes done twice).
            x.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                // Without the inbox a consumer's publishes reach the transport on every attempt, each retry under a new
                // message id, even when its writes roll back: no endpoint of a service runs that way (review finding 6).
                if (!settings.AllowEndpointsWithoutInbox && context.GetService<InboxRegistration>() is null)
                    throw new InvalidOperationException(
                        $"Receive endpoint '{name}' has no inbox: call x.AddBaseCommerceInbox<TDbContext>() in AddBaseCommerceMessaging.");
                if (endpoint is IRedisStreamsReceiveEndpointConfigurator redis)
                    settings.Endpoint?.Invoke(redis);
                if (settings.Redeliveries.Length > 0)
                    endpoint.UseDelayedRedelivery(r =>
                    {
                        r.Intervals(settings.Redeliveries);
                        r.Ignore<MessageTenantException>();
                    });
                endpoint.UseMessageRetry(r =>
                {
                    r.Immediate(settings.ImmediateRetries);
                    r.Ignore<MessageTenantException>();
                });
            });
            configure(x);
            x.UsingRedisStreams((context, cfg) =>
            {
                cfg.Host(settings.RedisConfiguration, h => h.KeyPrefix = settings.KeyPrefix);
                // MassTransit indents its JSON by default: a quarter more bytes in every stream entry and outbox row, and
                // whitespace for every consumer to skip (the largest single cost of deserializing, in a profile of an engine).
                cfg.ConfigureJsonSerializerOptions(o =>
                {
                    o.WriteIndented = false;
                    return o;
                });
                cfg.UseSendFilter(typeof(TenantSendFilter<>), context);
                cfg.UsePublishFilter(typeof(TenantPublishFilter<>), context);
                cfg.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }

    /// <summary>
    /// The bus as every service host configures it: <c>ConnectionStrings:Redis</c> for the streams,
    /// <c>Messaging:KeyPrefix</c> (default <c>bc:mt:</c>) and <c>Messaging:ConcurrentMessageLimit</c> (unset: MassTransit's
    /// default; more messages in flight means more to reclaim, after the lock duration, when a process dies),
    /// <c>Messaging:LockDuration</c> and <c>Messaging:ClaimInterval</c> (unset: the transport's 60 s and 15 s; how long a
    /// dead process's entries wait before a live one takes them, and how often it looks).
    /// </summary>
    public static IServiceCollection AddBaseCommerceMessaging(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration,
        Action<IBusRegistrationConfigurator> configure) =>
        services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = configuration["ConnectionStrings:Redis"] ?? o.RedisConfiguration;
            o.KeyPrefix = configuration["Messaging:KeyPrefix"] ?? o.KeyPrefix;
            var limit = int.TryParse(configuration["Messaging:ConcurrentMessageLimit"], out var l) && l > 0 ? l : (int?)null;
            var lockDuration = TimeSpan.TryParse(configuration["Messaging:LockDuration"], out var d) && d > TimeSpan.Zero ? d : (TimeSpan?)null;
            var claimInterval = TimeSpan.TryParse(configuration["Messaging:ClaimInterval"], out var c) && c > TimeSpan.Zero ? c : (TimeSpan?)null;
            o.Endpoint = e =>
            {
                if (limit is { } n)
                    e.ConcurrentMessageLimit = n;
                if (lockDuration is { } lockFor)
                    e.LockDuration = lockFor;
                if (claimInterval is { } claimEvery)
                    e.ClaimInterval = claimEvery;
            };
        }, configure);

    /// <summary>
    /// A consumer on the named receive endpoint: a service's consumers that share a name share one stream and one
    /// consumer group (an engine puts all its consumers on one, so its events are taken in the order they were delivered).
    /// </summary>
    public static void AddConsumerOn<TConsumer>(this IBusRegistrationConfigurator bus, string endpoint) where TConsumer : class, IConsumer =>
        bus.AddConsumer<TConsumer>().Endpoint(e => e.Name = endpoint);

    /// <summary>
    /// A <see cref="Batch{T}"/> consumer on the named receive endpoint, for an engine's frequent facts: up to
    /// <paramref name="messageLimit"/> messages of one store at a time (batches never mix stores), delivered at the latest
    /// <paramref name="timeLimit"/> (default 20 ms) after the first. Behind the inbox each message still counts once: the
    /// batch's inbox rows commit with the consumer's work.
    /// </summary>
    public static void AddBatchConsumerOn<TConsumer, TMessage>(this IBusRegistrationConfigurator bus, string endpoint, int messageLimit = 250,
        TimeSpan? timeLimit = null)
        where TConsumer : class, IConsumer<Batch<TMessage>>
        where TMessage : class =>
        bus.AddConsumer<TConsumer>(c => c.Options<BatchOptions>(o => o
                .SetMessageLimit(messageLimit)
                .SetTimeLimit(timeLimit ?? TimeSpan.FromMilliseconds(20))
                .SetConcurrencyLimit(2)
                .GroupBy<TMessage, Guid>(m => Guid.TryParse(m.Headers.Get<string>(TenantHeaders.TenantId), out var tenant) ? tenant : null)))
            .Endpoint(e => e.Name = endpoint);

    /// <summary>
    /// Every receive endpoint of the service behind the inbox of <typeparamref name="TDbContext"/>: each message is
    /// handled once per consumer, and what the consumer writes and publishes commits together.
    /// </summary>
    public static void AddBaseCommerceInbox<TDbContext>(this IBusRegistrationConfigurator bus) where TDbContext : DbContext
    {
        bus.AddSingleton(new InboxRegistration(typeof(TDbContext)));
        bus.AddConfigureEndpointsCallback((context, _, endpoint) => endpoint.UseEntityFrameworkOutbox<TDbContext>(context));
    }

    /// <summary>Says that <see cref="AddBaseCommerceInbox{TDbContext}"/> put the service's endpoints behind an inbox.</summary>
    sealed record InboxRegistration(Type DbContextType);

    /// <summary>
    /// The transactional outbox and inbox on a service's DbContext: publishes outside consumers are written with the
    /// business rows and delivered after commit; consumers on endpoints that opt in (<c>e.UseEntityFrameworkOutbox</c>)
    /// are effectively-once. Delivery runs as platform work: it spans tenants. The rows are cleaned up by the scheduler (Ops, <c>platform:messaging-cleanup</c>).
    /// </summary>
    public static void AddBaseCommerceOutbox<TDbContext>(this IBusRegistrationConfigurator bus, Action<EntityFrameworkOutboxOptions>? configure = null)
        where TDbContext : DbContext =>
        bus.AddEntityFrameworkOutbox<TDbContext>(o =>
        {
            o.ConfigureBackgroundScope = sp => sp.GetRequiredService<TenantContext>().UsePlatform();
            o.BeforeWrite = (sp, message) => TenantStamp.Verify(message, sp.GetRequiredService<TenantContext>());
            o.UseBusOutbox();
            configure?.Invoke(o);
        });
}
