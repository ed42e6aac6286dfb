using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Topology;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Topology;

/// <summary>Publishing T goes to T's topic; Redis fans it out to the queues subscribed to any type the message carries.</summary>
public sealed class RedisStreamsPublishTopology(IMessageTopology messageTopology) : PublishTopology
{
    protected override IMessagePublishTopologyConfigurator CreateMessageTopology<T>()
    {
        var topology = new RedisStreamsMessagePublishTopology<T>(this, messageTopology.GetMessageTopology<T>());
        OnMessageTopologyCreated(topology);
        return topology;
    }
}

public sealed class RedisStreamsMessagePublishTopology<T>(IPublishTopology publishTopology, IMessageTopology<T> messageTopology)
    : MessagePublishTopology<T>(publishTopology)
    where T : class
{
    public override bool TryGetPublishAddress(Uri baseAddress, [NotNullWhen(true)] out Uri? publishAddress)
    {
        publishAddress = RedisStreamsEndpointAddress.Topic(baseAddress, messageTopology.EntityName);
        return true;
    }
}

/// <summary>The consume side needs no broker objects beyond the per-endpoint subscriptions kept by the endpoint itself.</summary>
public sealed class RedisStreamsConsumeTopology : ConsumeTopology
{
    public RedisStreamsConsumeTopology() : base(200) { }
}

public sealed class RedisStreamsTopologyConfiguration : ITopologyConfiguration
{
    readonly RedisStreamsConsumeTopology _consume;
    readonly IMessageTopologyConfigurator _message;
    readonly IPublishTopologyConfigurator _publish;
    readonly ISendTopologyConfigurator _send;

    public RedisStreamsTopologyConfiguration(IMessageTopologyConfigurator message)
    {
        _message = message;
        _send = new SendTopology();
        _send.ConnectSendTopologyConfigurationObserver(new DelegateSendTopologyConfigurationObserver(GlobalTopology.Send));
        _publish = new RedisStreamsPublishTopology(message);
        _publish.ConnectPublishTopologyConfigurationObserver(new DelegatePublishTopologyConfigurationObserver(GlobalTopology.Publish));
        _publish.ConnectPublishTopologyConfigurationObserver(new PublishToSendTopologyConfigurationObserver(_send));
        _consume = new RedisStreamsConsumeTopology();
    }

    /// <summary>An endpoint's topology: shares the bus's message, send and publish topology, has its own consume topology.</summary>
    public RedisStreamsTopologyConfiguration(ITopologyConfiguration parent)
    {
        _message = parent.Message;
        _send = parent.Send;
        _publish = parent.Publish;
        _consume = new RedisStreamsConsumeTopology();
    }

    public IMessageTopologyConfigurator Message => _message;
    public ISendTopologyConfigurator Send => _send;
    public IPublishTopologyConfigurator Publish => _publish;
    public IConsumeTopologyConfigurator Consume => _consume;

    public IEnumerable<ValidationResult> Validate() => _send.Validate().Concat(_publish.Validate()).Concat(_consume.Validate());
}

public sealed class RedisStreamsBusTopology(IHostConfiguration hostConfiguration, ITopologyConfiguration configuration)
    : BusTopology(hostConfiguration, configuration);
