using BaseCommerce.Messaging.RedisStreams.Topology;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;
using MassTransit.Transports;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// The bus's one connection to Redis (a StackExchange.Redis multiplexer, shared by every endpoint and send transport,
/// created on first use and never with blocking commands) and the factory of send transports.
/// </summary>
internal sealed class RedisStreamsConnection : Agent
{
    readonly IHostConfiguration _hostConfiguration;
    readonly RedisStreamsHostSettings _settings;
    readonly Lazy<IConnectionMultiplexer> _multiplexer;
    readonly Lazy<RedisStreamsClient> _client;

    public RedisStreamsConnection(IHostConfiguration hostConfiguration, RedisStreamsHostSettings settings)
    {
        _hostConfiguration = hostConfiguration;
        _settings = settings;
        Keys = new RedisStreamsKeys(settings.KeyPrefix);
        _multiplexer = new Lazy<IConnectionMultiplexer>(Connect);
        _client = new Lazy<RedisStreamsClient>(() => new RedisStreamsClient(_multiplexer.Value.GetDatabase()));
        SetReady();
    }

    public RedisStreamsKeys Keys { get; }
    public RedisStreamsClient Client => _client.Value;
    public ISubscriber Subscriber => _multiplexer.Value.GetSubscriber();
    public Uri HostAddress => _hostConfiguration.HostAddress;

    public Task<ISendTransport> CreateSendTransport(ReceiveEndpointContext context, Uri address)
    {
        var endpointAddress = RedisStreamsEndpointAddress.Parse(_hostConfiguration.HostAddress, address);
        TransportLogMessages.CreateSendTransport(endpointAddress);
        var transportContext = new RedisStreamsSendTransportContext(_hostConfiguration, context, this, endpointAddress);
        return Task.FromResult<ISendTransport>(new SendTransport<PipeContext>(transportContext));
    }

    public Uri NormalizeAddress(Uri address) => RedisStreamsEndpointAddress.Parse(_hostConfiguration.HostAddress, address);

    protected override async Task StopAgent(StopContext context)
    {
        await base.StopAgent(context);
        // An application-owned multiplexer is the application's to close.
        if (_settings.Multiplexer is null && _multiplexer.IsValueCreated)
            await _multiplexer.Value.CloseAsync();
    }

    IConnectionMultiplexer Connect()
    {
        if (_settings.Multiplexer is not null)
            return _settings.Multiplexer;
        var options = ConfigurationOptions.Parse(_settings.Configuration);
        // Start even while Redis is away; receive endpoints report unhealthy until it is back.
        options.AbortOnConnectFail = false;
        options.SyncTimeout = options.ResponseTimeout = (int)_settings.CommandTimeout.TotalMilliseconds;
        var multiplexer = ConnectionMultiplexer.Connect(options);
        // 1.2.6 otherwise completes replies one at a time, in order, on one dedicated thread, so a busy endpoint's
        // replies queue behind each other. Nothing here depends on that order: each call awaits its own reply.
        multiplexer.PreserveAsyncOrder = false;
        return multiplexer;
    }
}
