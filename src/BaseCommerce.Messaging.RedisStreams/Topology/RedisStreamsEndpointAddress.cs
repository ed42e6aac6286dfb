using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Topology;

/// <summary>
/// Addresses of the transport: <c>redis-streams://host/{name}</c> for a queue and <c>…?type=topic</c> for a message
/// type's topic (what a publish, or an outbox replaying a publish, sends to). Short forms <c>queue:name</c> and
/// <c>topic:name</c> (or <c>exchange:name</c>) resolve against the bus's host address.
/// </summary>
public readonly record struct RedisStreamsEndpointAddress(string Host, string Name, bool IsTopic)
{
    public const string Scheme = "redis-streams";

    public static RedisStreamsEndpointAddress Parse(Uri hostAddress, Uri address)
    {
        switch (address.Scheme.ToLowerInvariant())
        {
            case Scheme:
                var name = Uri.UnescapeDataString(address.AbsolutePath.Trim('/'));
                var isTopic = address.Query.Contains("type=topic", StringComparison.OrdinalIgnoreCase);
                return new RedisStreamsEndpointAddress(address.Host, Checked(name, address), isTopic);
            case "queue":
                return new RedisStreamsEndpointAddress(hostAddress.Host, Checked(Uri.UnescapeDataString(address.AbsolutePath), address), false);
            case "topic":
            case "exchange":
                return new RedisStreamsEndpointAddress(hostAddress.Host, Checked(Uri.UnescapeDataString(address.AbsolutePath), address), true);
            default:
                throw new ArgumentException($"The address scheme is not supported by the Redis Streams transport: {address}", nameof(address));
        }
    }

    public static RedisStreamsEndpointAddress Topic(Uri hostAddress, string entityName) => new(hostAddress.Host, entityName, true);

    public Uri ToUri() => new UriBuilder(Scheme, Host) { Path = "/" + Uri.EscapeDataString(Name), Query = IsTopic ? "type=topic" : "" }.Uri;

    public static implicit operator Uri(RedisStreamsEndpointAddress address) => address.ToUri();

    static string Checked(string name, Uri address) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException($"The address has no queue or topic name: {address}", nameof(address)) : name;
}
