using BaseCommerce.Messaging.RedisStreams.Configuration;
using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams;

public static class RedisStreamsConfigurationExtensions
{
    /// <summary>
    /// Uses the Redis Streams transport: one stream and consumer group per receive endpoint, publishes fanned out to
    /// subscribed endpoints by one Lua script. Works with <c>AddMassTransit</c> and <c>AddMassTransitTestHarness</c>.
    /// </summary>
    public static void UsingRedisStreams(this IBusRegistrationConfigurator configurator,
        Action<IBusRegistrationContext, IRedisStreamsBusFactoryConfigurator>? configure = null) =>
        configurator.SetBusFactory(new RedisStreamsRegistrationBusFactory(configure));

    /// <summary>The same, for a second bus registered with <c>AddMassTransit&lt;TBus&gt;</c>.</summary>
    public static void UsingRedisStreams<TBus>(this IBusRegistrationConfigurator<TBus> configurator,
        Action<IBusRegistrationContext, IRedisStreamsBusFactoryConfigurator>? configure = null)
        where TBus : class, IBus =>
        configurator.SetBusFactory(new RedisStreamsRegistrationBusFactory(configure));
}
