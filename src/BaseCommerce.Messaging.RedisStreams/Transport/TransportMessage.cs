using System.Globalization;
using System.Text.Json;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// A message as one stream entry. The body is MassTransit's envelope as UTF-8 text (readable with XRANGE); transport
/// headers travel as one JSON object of strings, so <c>MT-*</c> values round-trip exactly.
/// </summary>
internal sealed class TransportMessage
{
    public const string MessageIdField = "message-id";
    public const string ContentTypeField = "content-type";
    public const string HeadersField = "headers";
    public const string BodyField = "body";
    public const string ExpiresField = "expires";
    public const string SentField = "sent";

    public required string MessageId { get; init; }
    public string? ContentType { get; init; }
    public required Dictionary<string, string> Headers { get; init; }
    public required string Body { get; init; }

    /// <summary>Unix milliseconds after which the message is no longer worth delivering (its time-to-live).</summary>
    public long? ExpiresAt { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now.ToUnixTimeMilliseconds();

    public List<KeyValuePair<string, string>> ToFields()
    {
        var fields = new List<KeyValuePair<string, string>>(6)
        {
            new(MessageIdField, MessageId),
            new(SentField, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (ContentType is not null)
            fields.Add(new(ContentTypeField, ContentType));
        if (ExpiresAt is { } expires)
            fields.Add(new(ExpiresField, expires.ToString(CultureInfo.InvariantCulture)));
        fields.Add(new(HeadersField, JsonSerializer.Serialize(Headers)));
        fields.Add(new(BodyField, Body));
        return fields;
    }

    public static TransportMessage FromEntry(StreamEntry entry)
    {
        var headers = entry[HeadersField] is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
            : [];
        return new TransportMessage
        {
            MessageId = entry[MessageIdField] ?? "",
            ContentType = entry[ContentTypeField],
            Headers = headers,
            Body = entry[BodyField] ?? "",
            ExpiresAt = long.TryParse(entry[ExpiresField], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at) ? at : null,
        };
    }

    public TransportMessage WithHeaders(IEnumerable<KeyValuePair<string, string>> changes)
    {
        var headers = new Dictionary<string, string>(Headers);
        foreach (var (key, value) in changes)
            headers[key] = value;
        return new TransportMessage { MessageId = MessageId, ContentType = ContentType, Headers = headers, Body = Body, ExpiresAt = ExpiresAt };
    }
}
