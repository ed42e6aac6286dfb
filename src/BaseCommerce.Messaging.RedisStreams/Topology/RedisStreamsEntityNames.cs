using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Topology;

/// <summary>
/// A message type's topic is its MassTransit message URN without the <c>urn:message:</c> prefix, e.g.
/// <c>BaseCommerce.Contracts.Orders:SaleRecorded</c>. The same name comes back from a message's
/// <c>SupportedMessageTypes</c>, so a publish replayed by the outbox, which carries only those, reaches the same subscribers.
/// </summary>
public sealed class RedisStreamsEntityNameFormatter : IEntityNameFormatter
{
    const string UrnPrefix = "urn:message:";

    public static readonly RedisStreamsEntityNameFormatter Instance = new();

    public string FormatEntityName<T>() => FromUrn(MessageUrn.ForTypeString<T>());

    public static string FromUrn(string urn) =>
        urn.StartsWith(UrnPrefix, StringComparison.Ordinal) ? urn[UrnPrefix.Length..] : urn;
}
