using MassTransit;
using MassTransit.Configuration;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Configuration;

internal sealed class RedisStreamsBusFactoryConfigurator : BusFactoryConfigurator, IRedisStreamsBusFactoryConfigurator, IBusFactory
{
    readonly RedisStreamsBusConfiguration _busConfiguration;
    readonly RedisStreamsHostConfiguration _hostConfiguration;

    public RedisStreamsBusFactoryConfigurator(RedisStreamsBusConfiguration busConfiguration) : base(busConfiguration)
    {
        _busConfiguration = busConfiguration;
        _hostConfiguration = busConfiguration.HostConfiguration;
    }

    public IReceiveEndpointConfiguration CreateBusEndpointConfiguration(Action<IReceiveEndpointConfigurator> configure)
    {
        // The bus endpoint (responses, faults addressed to this process) is temporary: it dies with the process.
        var queueName = _busConfiguration.Topology.Consume.CreateTemporaryQueueName("bus");
        return _hostConfiguration.CreateReceiveEndpointConfiguration(queueName, _busConfiguration.BusEndpointConfiguration, e =>
        {
            e.AutoDelete = true;
            configure(e);
        });
    }

    public void Host(string configuration, Action<RedisStreamsHostSettings>? configure = null)
    {
        _hostConfiguration.Settings.Configuration = configuration;
        configure?.Invoke(_hostConfiguration.Settings);
    }

    public void Host(IConnectionMultiplexer multiplexer, Action<RedisStreamsHostSettings>? configure = null)
    {
        _hostConfiguration.Settings.Multiplexer = multiplexer;
        configure?.Invoke(_hostConfiguration.Settings);
    }

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IRedisStreamsReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _hostConfiguration.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        _hostConfiguration.ReceiveEndpoint(definition, endpointNameFormatter, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IRedisStreamsReceiveEndpointConfigurator> configureEndpoint) =>
        _hostConfiguration.ReceiveEndpoint(queueName, configureEndpoint);

    public void ReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator> configureEndpoint) =>
        _hostConfiguration.ReceiveEndpoint(queueName, configureEndpoint);
}
