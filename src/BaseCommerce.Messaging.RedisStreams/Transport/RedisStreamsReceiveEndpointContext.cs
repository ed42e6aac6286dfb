using BaseCommerce.Messaging.RedisStreams.Configuration;
using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

internal sealed class RedisStreamsReceiveEndpointContext : BaseReceiveEndpointContext
{
    readonly RedisStreamsHostConfiguration _hostConfiguration;

    public RedisStreamsReceiveEndpointContext(RedisStreamsHostConfiguration hostConfiguration, RedisStreamsReceiveEndpointConfiguration configuration)
        : base(hostConfiguration, configuration)
    {
        _hostConfiguration = hostConfiguration;
        Settings = configuration.Settings;
    }

    public RedisStreamsReceiveSettings Settings { get; }
    public RedisStreamsConnection Connection => _hostConfiguration.Connection;

    public override void AddSendAgent(IAgent agent) => throw new NotSupportedException();
    public override void AddConsumeAgent(IAgent agent) => throw new NotSupportedException();
    public override Exception ConvertException(Exception exception, string message) => exception;

    protected override ISendTransportProvider CreateSendTransportProvider() => new SendTransportProvider(this);
    protected override IPublishTransportProvider CreatePublishTransportProvider() => new PublishTransportProvider(this);

    sealed class SendTransportProvider(RedisStreamsReceiveEndpointContext context) : ISendTransportProvider
    {
        public Uri NormalizeAddress(Uri address) => context.Connection.NormalizeAddress(address);
        public Task<ISendTransport> GetSendTransport(Uri address) => context.Connection.CreateSendTransport(context, address);
    }

    sealed class PublishTransportProvider(RedisStreamsReceiveEndpointContext context) : IPublishTransportProvider
    {
        public Task<ISendTransport> GetPublishTransport<T>(Uri? publishAddress) where T : class =>
            context.Connection.CreateSendTransport(context,
                publishAddress ?? throw new ArgumentNullException(nameof(publishAddress), "No publish address for " + typeof(T).Name));
    }
}
