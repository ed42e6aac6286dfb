using MassTransit;
using MassTransit.Middleware;
using MassTransit.Metadata;
using MassTransit.Serialization;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Entities;

/// <summary>
/// A message waiting in the outbox (<c>messaging.outbox_message</c>): MassTransit's serialized send context.
/// Bus-outbox messages belong to an <see cref="OutboxState"/> (<see cref="OutboxId"/>); a consumer's outgoing
/// messages belong to the <see cref="InboxState"/> of the message being consumed.
/// </summary>
public sealed class OutboxMessage : OutboxMessageContext
{
    Headers? _headers;
    IReadOnlyDictionary<string, object>? _properties;

    public long SequenceNumber { get; set; }

    /// <summary>When the message may be delivered (a delayed send); null means now.</summary>
    public DateTime? EnqueueTime { get; set; }

    public DateTime SentTime { get; set; }

    /// <summary>The send context's headers, as JSON.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties of the send context, as JSON.</summary>
    public string? Properties { get; set; }

    public Guid? InboxMessageId { get; set; }
    public Guid? InboxConsumerId { get; set; }
    public Guid? OutboxId { get; set; }

    public Guid MessageId { get; set; }
    public string ContentType { get; set; } = null!;
    public string MessageType { get; set; } = null!;
    public string Body { get; set; } = null!;

    public Guid? ConversationId { get; set; }
    public Guid? CorrelationId { get; set; }
    public Guid? InitiatorId { get; set; }
    public Guid? RequestId { get; set; }

    public Uri? SourceAddress { get; set; }
    public Uri? DestinationAddress { get; set; }
    public Uri? ResponseAddress { get; set; }
    public Uri? FaultAddress { get; set; }

    public DateTime? ExpirationTime { get; set; }

    Guid? MessageContext.MessageId => MessageId;
    DateTime? MessageContext.SentTime => SentTime;
    Headers MessageContext.Headers => _headers ?? EmptyHeaders.Instance;
    HostInfo MessageContext.Host => HostMetadataCache.Host;
    IReadOnlyDictionary<string, object> OutboxMessageContext.Properties => _properties ?? NoProperties;

    static readonly IReadOnlyDictionary<string, object> NoProperties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses the stored headers and properties; needed before the message is handed to a send pipe.</summary>
    public void Deserialize(IObjectDeserializer deserializer)
    {
        var headers = deserializer.DeserializeDictionary<object?>(Headers);
        _headers = headers is null ? EmptyHeaders.Instance : new DictionarySendHeaders(headers);
        _properties = deserializer.DeserializeDictionary<object>(Properties) ?? NoProperties;
    }
}
