using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Where MassTransit sends what it gives up on: faulted messages to <c>{queue}_error</c> with the <c>MT-Fault-*</c>
/// headers, messages no consumer wanted to <c>{queue}_skipped</c>. Entries keep their message id and body, so
/// <c>basec dlq replay</c> can put them back unchanged.
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

    async Task Move(ReceiveContext receiveContext, string targetQueue, Dictionary<string, string> extraHeaders)
    {
        var original = receiveContext.TryGetPayload(out TransportMessage? message)
            ? message
            : new TransportMessage
            {
                MessageId = receiveContext.GetMessageId()?.ToString() ?? NewId.NextGuid().ToString(),
                ContentType = receiveContext.ContentType?.ToString(),
                Headers = [],
                Body = receiveContext.Body.GetString(),
            };
        var moved = original.WithHeaders(extraHeaders);
        await context.Connection.Client.AddAsync(context.Connection.Keys.Stream(targetQueue), moved.ToFields());
    }
}
