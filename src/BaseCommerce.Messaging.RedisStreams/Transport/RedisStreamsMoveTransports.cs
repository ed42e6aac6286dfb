using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Where MassTransit sends what it gives up on: faulted messages to <c>{queue}_error</c> with the <c>MT-Fault-*</c>
/// headers, messages no consumer wanted to <c>{queue}_skipped</c>. Entries keep their message id and body, so
/// <c>basec dlq replay</c> can put them back unchanged. The move and the acknowledgement are one script, guarded by the
/// entry's owner (<see cref="RedisStreamsReceiveLockContext.MoveTo"/>).
/// </summary>
internal sealed class RedisStreamsMoveTransports(RedisStreamsReceiveEndpointContext context) : IErrorTransport, IDeadLetterTransport
{
    string Queue => context.Settings.QueueName;

    public async Task Send(ExceptionReceiveContext exceptionContext)
    {
        var headers = TransportHeaders.From(exceptionContext.ExceptionHeaders);
        await Move(exceptionContext, Queue + RedisStreamsKeys.ErrorSuffix, headers);
        RedisStreamsMetrics.Faulted(Queue);
    }

    public Task Send(ReceiveContext receiveContext, string reason) =>
        Move(receiveContext, Queue + RedisStreamsKeys.SkippedSuffix, new Dictionary<string, string> { [MessageHeaders.Reason] = reason });

    static async Task Move(ReceiveContext receiveContext, string targetQueue, Dictionary<string, string> extraHeaders)
    {
        // Every context this transport receives carries its lock and message (RedisStreamsReceiveContext's payloads).
        if (!receiveContext.TryGetPayload(out RedisStreamsReceiveLockContext? lockContext) || !receiveContext.TryGetPayload(out TransportMessage? message))
            throw new InvalidOperationException("Not a message received from a Redis Streams endpoint: " + receiveContext.InputAddress);
        await lockContext.MoveTo(targetQueue, message.WithHeaders(extraHeaders).ToFields());
    }
}
