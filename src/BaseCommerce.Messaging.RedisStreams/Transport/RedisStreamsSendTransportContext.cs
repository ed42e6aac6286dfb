using System.Globalization;
using BaseCommerce.Messaging.RedisStreams.Topology;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Transports;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Sends to one address: a queue (one XADD) or a topic (the fan-out script). A send to a topic address is a publish,
/// which is how the transactional outbox replays publishes, so both paths reach the same subscribers.
/// </summary>
internal sealed class RedisStreamsSendTransportContext(IHostConfiguration hostConfiguration, ReceiveEndpointContext endpointContext,
    RedisStreamsConnection connection, RedisStreamsEndpointAddress address)
    : BaseSendTransportContext(hostConfiguration, endpointContext.Serialization), SendTransportContext<PipeContext>
{
    public override string EntityName => address.Name;
    public override string ActivitySystem => "redis-streams";

    public override async Task<SendContext<T>> CreateSendContext<T>(T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
    {
        var sendContext = new RedisStreamsSendContext<T>(message, cancellationToken);
        await pipe.Send(sendContext);
        return sendContext;
    }

    public Task<SendContext<T>> CreateSendContext<T>(PipeContext context, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class =>
        CreateSendContext(message, pipe, cancellationToken);

    public async Task Send<T>(PipeContext transportContext, SendContext<T> sendContext) where T : class
    {
        sendContext.CancellationToken.ThrowIfCancellationRequested();
        var context = sendContext as RedisStreamsSendContext<T> ?? throw new ArgumentException("Invalid SendContext<T> type", nameof(sendContext));
        var message = new TransportMessage
        {
            MessageId = (sendContext.MessageId ?? NewId.NextGuid()).ToString(),
            ContentType = sendContext.ContentType?.ToString(),
            Headers = TransportHeaders.From(sendContext.Headers),
            Body = context.Body.GetString(),
            // A time to live of zero or less is a message already expired (the outbox re-sending one past its time), not
            // one that never expires: it is dropped on receipt.
            ExpiresAt = sendContext.TimeToLive is { } ttl
                ? DateTimeOffset.UtcNow.Add(ttl > TimeSpan.Zero ? ttl : TimeSpan.Zero).ToUnixTimeMilliseconds()
                : null,
        };
        var fields = message.ToFields();
        var delay = sendContext.Delay ?? TimeSpan.Zero;
        var client = connection.Client;

        // Awaited with the caller's token: the outbox cancels a send that takes longer than its delivery timeout. A
        // script that completed on the server anyway becomes a duplicate, which the consumer inbox absorbs.
        if (address.IsTopic)
        {
            var entityNames = new HashSet<string>(StringComparer.Ordinal) { address.Name };
            foreach (var urn in sendContext.SupportedMessageTypes)
                entityNames.Add(RedisStreamsEntityNameFormatter.FromUrn(urn));
            var delivered = await client.PublishAsync(connection.Keys, entityNames, fields, delay).WaitAsync(sendContext.CancellationToken);
            RedisStreamsMetrics.Published(address.Name, delivered);
            if (delivered == 0)
                LogContext.Debug?.Log("No subscriber for {Topic}: message {MessageId} dropped", address.Name, message.MessageId);
        }
        else
        {
            await client.SendAsync(connection.Keys, address.Name, fields, delay).WaitAsync(sendContext.CancellationToken);
            RedisStreamsMetrics.Sent(address.Name);
        }
    }

    public Task Send(IPipe<PipeContext> pipe, CancellationToken cancellationToken = default) => pipe.Send(new Context(cancellationToken));

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateScope("redis-streams");
        scope.Add("address", address.ToUri());
    }

    sealed class Context(CancellationToken cancellationToken) : BasePipeContext(cancellationToken);
}

/// <summary>The send context of this transport; its transport properties (delay, TTL…) round-trip through the outbox.</summary>
public sealed class RedisStreamsSendContext<T>(T message, CancellationToken cancellationToken) : MessageSendContext<T>(message, cancellationToken)
    where T : class;

/// <summary>Transport headers as strings, the form they keep on the wire.</summary>
internal static class TransportHeaders
{
    public static Dictionary<string, string> From(Headers headers)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in headers.GetAll())
        {
            if (value is null)
                continue;
            result[key] = value switch
            {
                string s => s,
                DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                Uri u => u.ToString(),
                bool b => b ? bool.TrueString : bool.FalseString,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }
        return result;
    }
}
