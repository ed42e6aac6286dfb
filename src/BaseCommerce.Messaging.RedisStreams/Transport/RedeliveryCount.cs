using System.Globalization;
using System.Text.Json.Nodes;
using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// <c>MT-Redelivery-Count</c> for a native redelivery. With MassTransit's envelope serializer a consumer reads headers
/// from the envelope in the body, not from the transport headers, so the count is raised in both.
/// </summary>
internal static class RedeliveryCount
{
    public static TransportMessage Increment(TransportMessage message)
    {
        var body = message.Body;
        JsonObject? envelope = null;
        if (message.ContentType?.Contains("vnd.masstransit+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try { envelope = JsonNode.Parse(body) as JsonObject; }
            catch (System.Text.Json.JsonException) { envelope = null; }
        }

        var current = Read(message.Headers.GetValueOrDefault(MessageHeaders.RedeliveryCount));
        if (envelope?["headers"] is JsonObject envelopeHeaders && envelopeHeaders[MessageHeaders.RedeliveryCount] is JsonValue value)
            current = Math.Max(current, Read(value.ToString()));
        var next = current + 1;

        if (envelope is not null)
        {
            if (envelope["headers"] is not JsonObject headers)
                envelope["headers"] = headers = new JsonObject();
            headers[MessageHeaders.RedeliveryCount] = next;
            body = envelope.ToJsonString();
        }
        return new TransportMessage
        {
            MessageId = message.MessageId,
            ContentType = message.ContentType,
            Headers = new Dictionary<string, string>(message.Headers) { [MessageHeaders.RedeliveryCount] = next.ToString(CultureInfo.InvariantCulture) },
            Body = body,
            ExpiresAt = message.ExpiresAt,
        };
    }

    /// <summary>
    /// The message as a replay puts it back: no redelivery count (in the transport headers and the envelope) and no time to
    /// live; everything else, its id included, unchanged.
    /// </summary>
    public static TransportMessage Reset(TransportMessage message)
    {
        var body = message.Body;
        if (message.ContentType?.Contains("vnd.masstransit+json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject envelope && envelope["headers"] is JsonObject headers && headers.Remove(MessageHeaders.RedeliveryCount))
                    body = envelope.ToJsonString();
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
        var transportHeaders = new Dictionary<string, string>(message.Headers);
        transportHeaders.Remove(MessageHeaders.RedeliveryCount);
        return new TransportMessage { MessageId = message.MessageId, ContentType = message.ContentType, Headers = transportHeaders, Body = body };
    }

    static int Read(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
