using BaseCommerce.Messaging.RedisStreams.Topology;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Configuration;

internal sealed class RedisStreamsRegistrationBusFactory : TransportRegistrationBusFactory<IRedisStreamsReceiveEndpointConfigurator>
{
    readonly RedisStreamsBusConfiguration _busConfiguration;
    readonly Action<IBusRegistrationContext, IRedisStreamsBusFactoryConfigurator>? _configure;

    public RedisStreamsRegistrationBusFactory(Action<IBusRegistrationContext, IRedisStreamsBusFactoryConfigurator>? configure)
        : this(new RedisStreamsBusConfiguration(new RedisStreamsTopologyConfiguration(new MessageTopology(RedisStreamsEntityNameFormatter.Instance))), configure)
    {
    }

    RedisStreamsRegistrationBusFactory(RedisStreamsBusConfiguration busConfiguration,
        Action<IBusRegistrationContext, IRedisStreamsBusFactoryConfigurator>? configure)
        : base(busConfiguration.HostConfiguration)
    {
        _busConfiguration = busConfiguration;
        _configure = configure;
    }

    public override IBusInstance CreateBus(IBusRegistrationContext context, IEnumerable<IBusInstanceSpecification> specifications, string busName)
    {
        var configurator = new RedisStreamsBusFactoryConfigurator(_busConfiguration);
        return CreateBus(configurator, context, _configure, specifications);
    }
}
