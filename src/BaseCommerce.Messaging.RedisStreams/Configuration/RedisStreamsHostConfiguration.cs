using BaseCommerce.Messaging.RedisStreams.Topology;
using BaseCommerce.Messaging.RedisStreams.Transport;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Transports;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Configuration;

internal sealed class RedisStreamsHostConfiguration
    : BaseHostConfiguration<RedisStreamsReceiveEndpointConfiguration, IRedisStreamsReceiveEndpointConfigurator>
{
    readonly RedisStreamsBusConfiguration _busConfiguration;
    readonly RedisStreamsBusTopology _topology;
    readonly Lazy<RedisStreamsConnection> _connection;

    public RedisStreamsHostConfiguration(RedisStreamsBusConfiguration busConfiguration, RedisStreamsTopologyConfiguration topologyConfiguration)
        : base(busConfiguration)
    {
        _busConfiguration = busConfiguration;
        _topology = new RedisStreamsBusTopology(this, topologyConfiguration);
        _connection = new Lazy<RedisStreamsConnection>(() => new RedisStreamsConnection(this, Settings));
        ReceiveTransportRetryPolicy = Retry.CreatePolicy(x =>
        {
            x.Handle<RedisConnectionException>();
            x.Handle<RedisTimeoutException>();
            x.Handle<ConnectionException>();
            x.Exponential(1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        });
    }

    public RedisStreamsHostSettings Settings { get; } = new();

    public RedisStreamsConnection Connection => _connection.Value;

    /// <summary><c>redis-streams://{first endpoint of the configuration}/</c>, the base of every address of this bus.</summary>
    public override Uri HostAddress
    {
        get
        {
            var host = Settings.Multiplexer?.Configuration ?? Settings.Configuration;
            var first = host.Split(',')[0].Split(':')[0].Trim();
            return new Uri($"{RedisStreamsEndpointAddress.Scheme}://{(first.Length == 0 ? "localhost" : first)}/");
        }
    }

    public override IBusTopology Topology => _topology;

    public override IRetryPolicy ReceiveTransportRetryPolicy { get; }

    public new void ApplyEndpointDefinition(IReceiveEndpointConfigurator configurator, IEndpointDefinition definition)
    {
        if (definition.IsTemporary && configurator is IRedisStreamsReceiveEndpointConfigurator redis)
            redis.AutoDelete = true;
        base.ApplyEndpointDefinition(configurator, definition);
    }

    public RedisStreamsReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName,
        Action<IRedisStreamsReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(queueName, _busConfiguration.CreateEndpointConfiguration(), configure);

    public RedisStreamsReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName,
        RedisStreamsEndpointConfiguration endpointConfiguration, Action<IRedisStreamsReceiveEndpointConfigurator>? configure)
    {
        if (string.IsNullOrWhiteSpace(queueName))
            throw new ArgumentException("A receive endpoint needs a queue name.", nameof(queueName));
        var configuration = new RedisStreamsReceiveEndpointConfiguration(this, queueName, endpointConfiguration);
        configure?.Invoke(configuration);
        Observers.EndpointConfigured(configuration);
        Add(configuration);
        return configuration;
    }

    public override void ReceiveEndpoint(IEndpointDefinition definition, IEndpointNameFormatter? endpointNameFormatter,
        Action<IRedisStreamsReceiveEndpointConfigurator>? configureEndpoint = null)
    {
        var queueName = definition.GetEndpointName(endpointNameFormatter ?? DefaultEndpointNameFormatter.Instance);
        ReceiveEndpoint(queueName, configurator =>
        {
            ApplyEndpointDefinition(configurator, definition);
            configureEndpoint?.Invoke(configurator);
        });
    }

    public override void ReceiveEndpoint(string queueName, Action<IRedisStreamsReceiveEndpointConfigurator> configureEndpoint) =>
        CreateReceiveEndpointConfiguration(queueName, configureEndpoint);

    public override IReceiveEndpointConfiguration CreateReceiveEndpointConfiguration(string queueName, Action<IReceiveEndpointConfigurator>? configure) =>
        CreateReceiveEndpointConfiguration(queueName, (IRedisStreamsReceiveEndpointConfigurator e) => configure?.Invoke(e));

    public override IHost Build()
    {
        var host = new RedisStreamsHost(this, _topology);
        foreach (var endpoint in GetConfiguredEndpoints())
            endpoint.Build(host);
        return host;
    }
}
