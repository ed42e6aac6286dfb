namespace BaseCommerce.Messaging.RedisStreams;

/// <summary>
/// One stream entry: its id (<c>1700000000000-0</c>), its field/value pairs in order, and how many times the group
/// has delivered it (1 for a first read; higher once reclaimed from a consumer that did not acknowledge it).
/// </summary>
internal sealed record StreamEntry(string Id, IReadOnlyList<KeyValuePair<string, string>> Fields, long DeliveryCount = 1)
{
    public string? this[string field] => Fields.FirstOrDefault(f => f.Key == field).Value;
}

/// <summary>XPENDING's summary of a consumer group: how many entries are delivered but not yet acknowledged.</summary>
internal sealed record PendingSummary(long Count, string? OldestId, IReadOnlyDictionary<string, long> PerConsumer);
