using BaseCommerce.Messaging.RedisStreams.Topology;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Observables;

namespace BaseCommerce.Messaging.RedisStreams.Configuration;

internal class RedisStreamsEndpointConfiguration : EndpointConfiguration
{
    protected RedisStreamsEndpointConfiguration(RedisStreamsTopologyConfiguration topology) : base(topology)
    {
        TopologyConfiguration = topology;
    }

    RedisStreamsEndpointConfiguration(IEndpointConfiguration parent, RedisStreamsTopologyConfiguration topology, bool isBusEndpoint)
        : base(parent, topology, isBusEndpoint)
    {
        TopologyConfiguration = topology;
    }

    public RedisStreamsTopologyConfiguration TopologyConfiguration { get; }

    public RedisStreamsEndpointConfiguration CreateEndpointConfiguration(bool isBusEndpoint = false) =>
        new(this, new RedisStreamsTopologyConfiguration(TopologyConfiguration), isBusEndpoint);
}

internal sealed class RedisStreamsBusConfiguration : RedisStreamsEndpointConfiguration, IBusConfiguration
{
    readonly BusObservable _busObservers = new();

    public RedisStreamsBusConfiguration(RedisStreamsTopologyConfiguration topology) : base(topology)
    {
        HostConfiguration = new RedisStreamsHostConfiguration(this, topology);
        BusEndpointConfiguration = CreateEndpointConfiguration(true);
    }

    public RedisStreamsHostConfiguration HostConfiguration { get; }
    public RedisStreamsEndpointConfiguration BusEndpointConfiguration { get; }

    IHostConfiguration IBusConfiguration.HostConfiguration => HostConfiguration;
    IEndpointConfiguration IBusConfiguration.BusEndpointConfiguration => BusEndpointConfiguration;
    IBusObserver IBusConfiguration.BusObservers => _busObservers;

    public ConnectHandle ConnectBusObserver(IBusObserver observer) => _busObservers.Connect(observer);

    public ConnectHandle ConnectEndpointConfigurationObserver(IEndpointConfigurationObserver observer) =>
        HostConfiguration.ConnectEndpointConfigurationObserver(observer);
}
