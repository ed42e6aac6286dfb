using BaseCommerce.Messaging.RedisStreams.Configuration;
using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

internal sealed class RedisStreamsHost(RedisStreamsHostConfiguration hostConfiguration, IBusTopology busTopology)
    : BaseHost(hostConfiguration, busTopology), IHost<IRedisStreamsReceiveEndpointConfigurator>
{
    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(definition, endpointNameFormatter, (IRedisStreamsReceiveEndpointConfigurator e) => configureEndpoint?.Invoke(e));

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IRedisStreamsReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var queueName = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        return ConnectReceiveEndpoint(queueName, configurator =>
        {
            hostConfiguration.ApplyEndpointDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public override HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IReceiveEndpointConfigurator>? configureEndpoint = null) =>
        ConnectReceiveEndpoint(queueName, (IRedisStreamsReceiveEndpointConfigurator e) => configureEndpoint?.Invoke(e));

    public HostReceiveEndpointHandle ConnectReceiveEndpoint(string queueName, Action<IRedisStreamsReceiveEndpointConfigurator>? configure = null)
    {
        LogContext.SetCurrentIfNull(hostConfiguration.LogContext);
        var configuration = hostConfiguration.CreateReceiveEndpointConfiguration(queueName, configure);
        TransportLogMessages.ConnectReceiveEndpoint(configuration.InputAddress);
        configuration.Validate().ThrowIfContainsFailure("The receive endpoint configuration is invalid:");
        configuration.Build(this);
        return ReceiveEndpoints.Start(queueName);
    }

    protected override void Probe(ProbeContext context)
    {
        context.Add("type", "Redis Streams");
        context.Add("hostAddress", hostConfiguration.HostAddress);
    }

    protected override IAgent[] GetAgentHandles() => [hostConfiguration.Connection];
}
