using BaseCommerce.Messaging.RedisStreams.Topology;
using BaseCommerce.Messaging.RedisStreams.Transport;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Configuration;

internal sealed class RedisStreamsReceiveEndpointConfiguration : ReceiveEndpointConfiguration, IRedisStreamsReceiveEndpointConfigurator
{
    readonly RedisStreamsHostConfiguration _hostConfiguration;

    public RedisStreamsReceiveEndpointConfiguration(RedisStreamsHostConfiguration hostConfiguration, string queueName,
        RedisStreamsEndpointConfiguration endpointConfiguration)
        : base(hostConfiguration, endpointConfiguration)
    {
        _hostConfiguration = hostConfiguration;
        Settings = new RedisStreamsReceiveSettings(queueName);
        HostAddress = hostConfiguration.HostAddress;
        InputAddress = new RedisStreamsEndpointAddress(HostAddress.Host, queueName, false);
    }

    public RedisStreamsReceiveSettings Settings { get; }

    public override Uri HostAddress { get; }
    public override Uri InputAddress { get; }

    public TimeSpan PollingInterval { get => Settings.PollingInterval; set => Settings.PollingInterval = Positive(value); }
    public TimeSpan LockDuration { get => Settings.LockDuration; set => Settings.LockDuration = Positive(value); }
    public TimeSpan MaxLockDuration { get => Settings.MaxLockDuration; set => Settings.MaxLockDuration = Positive(value); }
    public TimeSpan ClaimInterval { get => Settings.ClaimInterval; set => Settings.ClaimInterval = Positive(value); }
    public int MaxDeliveryCount { get => Settings.MaxDeliveryCount; set => Settings.MaxDeliveryCount = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)); }
    public bool PurgeOnStartup { get => Settings.PurgeOnStartup; set => Settings.PurgeOnStartup = value; }
    public bool AutoDelete { get => Settings.AutoDelete; set => Settings.AutoDelete = value; }
    public string ConsumerName { get => Settings.ConsumerName; set => Settings.ConsumerName = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("empty", nameof(value)) : value; }

    public override ReceiveEndpointContext CreateReceiveEndpointContext() => CreateRedisContext();

    public void Build(IHost host)
    {
        var context = CreateRedisContext();
        var transport = new RedisStreamsReceiveTransport(context);
        var receiveEndpoint = new ReceiveEndpoint(transport, context);
        host.AddReceiveEndpoint(Settings.QueueName, receiveEndpoint);
        ReceiveEndpoint = receiveEndpoint;
    }

    RedisStreamsReceiveEndpointContext CreateRedisContext()
    {
        var builder = new RedisStreamsReceiveEndpointBuilder(this);
        ApplySpecifications(builder);
        return new RedisStreamsReceiveEndpointContext(_hostConfiguration, this);
    }

    static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value));
}

/// <summary>Connecting a consumer of T to the endpoint subscribes the endpoint's queue to T's topic.</summary>
internal sealed class RedisStreamsReceiveEndpointBuilder(RedisStreamsReceiveEndpointConfiguration configuration) : ReceiveEndpointBuilder(configuration)
{
    public override ConnectHandle ConnectConsumePipe<T>(IPipe<ConsumeContext<T>> pipe, ConnectPipeOptions options)
    {
        if (configuration.ConfigureConsumeTopology && options.HasFlag(ConnectPipeOptions.ConfigureConsumeTopology))
        {
            var topology = configuration.Topology.Consume.GetMessageTopology<T>();
            if (topology.ConfigureConsumeTopology)
                configuration.Settings.Subscriptions.Add(RedisStreamsEntityNameFormatter.Instance.FormatEntityName<T>());
        }
        return base.ConnectConsumePipe(pipe, options);
    }
}
