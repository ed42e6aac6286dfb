using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

internal sealed class RedisStreamsReceiveTransport(RedisStreamsReceiveEndpointContext context) : IReceiveTransport
{
    public void Probe(ProbeContext probeContext)
    {
        var scope = probeContext.CreateScope("receiveTransport");
        scope.Add("type", "Redis Streams");
        scope.Set(new { Address = context.InputAddress, context.PrefetchCount, context.ConcurrentMessageLimit });
    }

    public ReceiveTransportHandle Start()
    {
        var moves = new RedisStreamsMoveTransports(context);
        context.AddOrUpdatePayload<IErrorTransport>(() => moves, _ => moves);
        context.AddOrUpdatePayload<IDeadLetterTransport>(() => moves, _ => moves);
        return new RedisStreamsMessageReceiver(context);
    }

    public ConnectHandle ConnectReceiveObserver(IReceiveObserver observer) => context.ConnectReceiveObserver(observer);
    public ConnectHandle ConnectReceiveTransportObserver(IReceiveTransportObserver observer) => context.ConnectReceiveTransportObserver(observer);
    public ConnectHandle ConnectPublishObserver(IPublishObserver observer) => context.ConnectPublishObserver(observer);
    public ConnectHandle ConnectSendObserver(ISendObserver observer) => context.ConnectSendObserver(observer);
}
