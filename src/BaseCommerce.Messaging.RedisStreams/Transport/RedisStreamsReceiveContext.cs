using System.Diagnostics.CodeAnalysis;
using MassTransit;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

internal sealed class RedisStreamsReceiveContext(TransportMessage message, StreamEntry entry, ReceiveEndpointContext endpointContext,
    RedisStreamsReceiveLockContext lockContext)
    : BaseReceiveContext(entry.DeliveryCount > 1, endpointContext, lockContext, message, entry)
{
    public override MessageBody Body { get; } = new StringMessageBody(message.Body);

    protected override IHeaderProvider HeaderProvider { get; } = new MessageHeaderProvider(message);

    /// <summary>The transport headers, plus the message id and content type that travel as their own fields.</summary>
    sealed class MessageHeaderProvider(TransportMessage message) : IHeaderProvider
    {
        public IEnumerable<KeyValuePair<string, object>> GetAll()
        {
            yield return new(MessageHeaders.MessageId, message.MessageId);
            if (message.ContentType is not null)
                yield return new(MessageHeaders.ContentType, message.ContentType);
            foreach (var (key, value) in message.Headers)
                if (key != MessageHeaders.MessageId && key != MessageHeaders.ContentType)
                    yield return new(key, value);
        }

        public bool TryGetHeader(string key, [NotNullWhen(true)] out object? value)
        {
            if (key == MessageHeaders.MessageId)
            {
                value = message.MessageId;
                return true;
            }
            if (key == MessageHeaders.ContentType && message.ContentType is not null)
            {
                value = message.ContentType;
                return true;
            }
            if (message.Headers.TryGetValue(key, out var text))
            {
                value = text;
                return true;
            }
            value = null;
            return false;
        }
    }
}
