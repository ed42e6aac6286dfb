using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Entities;

/// <summary>
/// Turns a MassTransit send context into a bus-outbox <see cref="OutboxMessage"/> row, keeping everything delivery needs.
/// (Rows keyed by an inbox entry are only read now: written by versions before consumers used the bus outbox.)
/// </summary>
static class OutboxMessageFactory
{
    public static OutboxMessage Create<T>(SendContext<T> context, IObjectDeserializer serializer, Guid outboxId)
        where T : class
    {
        if (context.MessageId is not { } messageId)
            throw new MessageException(typeof(T), "A message needs a MessageId to go through the outbox.");

        var now = DateTime.UtcNow;
        var message = new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress,
            DestinationAddress = context.DestinationAddress,
            ResponseAddress = context.ResponseAddress,
            FaultAddress = context.FaultAddress,
            SentTime = context.SentTime ?? now,
            ContentType = (context.ContentType ?? context.Serialization.DefaultContentType).ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            OutboxId = outboxId,
        };
        if (context.TimeToLive is { } ttl)
            message.ExpirationTime = now + ttl;
        if (context.Delay is { } delay)
            message.EnqueueTime = now + delay;
        if (context is TransportSendContext<T> transport)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(properties);
            message.Properties = serializer.SerializeDictionary(properties);
        }
        return message;
    }
}
