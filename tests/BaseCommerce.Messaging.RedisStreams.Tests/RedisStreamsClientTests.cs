using BaseCommerce.Testing;
using Shouldly;
using StackExchange.Redis;

namespace BaseCommerce.Messaging.RedisStreams.Tests;

/// <summary>The transport's Redis calls, against the real Redis started by ./basec test.</summary>
public sealed class RedisStreamsClientTests : IAsyncLifetime
{
    static readonly Lazy<ConnectionMultiplexer> Redis = new(() => ConnectionMultiplexer.Connect(TestSettings.Redis));
    readonly string _stream = "test:stream:" + Guid.NewGuid().ToString("N");
    readonly RedisStreamsClient _client = new(Redis.Value.GetDatabase());

    public Task InitializeAsync() => _client.EnsureGroupAsync(_stream, "engine");

    public Task DisposeAsync() => Redis.Value.GetDatabase().KeyDeleteAsync(_stream);

    [Fact]
    public async Task AddedEntries_AreReadOnceByTheGroup_WithTheirFieldsInOrder()
    {
        await _client.AddAsync(_stream, [new("message-id", "m1"), new("body", "{\"valor\":\"10.00\"}")]);
        await _client.AddAsync(_stream, [new("message-id", "m2"), new("body", "{}")]);

        var first = await _client.ReadGroupAsync(_stream, "engine", "replica-1", count: 10);
        var again = await _client.ReadGroupAsync(_stream, "engine", "replica-2", count: 10);

        first.Select(e => e["message-id"]).ShouldBe(["m1", "m2"]);
        first[0].Fields.Select(f => f.Key).ShouldBe(["message-id", "body"]);
        first[0]["body"].ShouldBe("{\"valor\":\"10.00\"}");
        again.ShouldBeEmpty();
    }

    [Fact]
    public async Task EnsureGroup_IsIdempotent()
    {
        await _client.EnsureGroupAsync(_stream, "engine");
        await _client.EnsureGroupAsync(_stream, "engine");
        (await _client.PendingAsync(_stream, "engine")).Count.ShouldBe(0);
    }

    [Fact]
    public async Task AckAndDelete_RemovesTheEntry_SoLengthIsTheBacklog()
    {
        await _client.AddAsync(_stream, [new("n", "1")]);
        await _client.AddAsync(_stream, [new("n", "2")]);
        var read = await _client.ReadGroupAsync(_stream, "engine", "replica-1", count: 1);

        (await _client.AckAndDeleteAsync(_stream, "engine", [read[0].Id])).ShouldBe(1);

        (await _client.LengthAsync(_stream)).ShouldBe(1);
        (await _client.PendingAsync(_stream, "engine")).Count.ShouldBe(0);
    }

    [Fact]
    public async Task Pending_CountsUnacknowledgedEntriesPerConsumer()
    {
        await _client.AddAsync(_stream, [new("n", "1")]);
        await _client.AddAsync(_stream, [new("n", "2")]);
        await _client.ReadGroupAsync(_stream, "engine", "replica-1", count: 1);
        await _client.ReadGroupAsync(_stream, "engine", "replica-2", count: 1);

        var pending = await _client.PendingAsync(_stream, "engine");

        pending.Count.ShouldBe(2);
        pending.PerConsumer.ShouldBe(new Dictionary<string, long> { ["replica-1"] = 1, ["replica-2"] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public async Task AutoClaim_TakesOverEntriesOfACrashedReplica_OnlyAfterTheyWereIdleLongEnough()
    {
        var id = await _client.AddAsync(_stream, [new("n", "1")]);
        await _client.ReadGroupAsync(_stream, "engine", "crashed", count: 1);

        var tooEarly = await _client.AutoClaimAsync(_stream, "engine", "survivor", TimeSpan.FromSeconds(30));
        await Task.Delay(150);
        var claimed = await _client.AutoClaimAsync(_stream, "engine", "survivor", TimeSpan.FromMilliseconds(100));

        tooEarly.Entries.ShouldBeEmpty();
        claimed.Entries.Select(e => e.Id).ShouldBe([id]);
        (await _client.PendingAsync(_stream, "engine")).PerConsumer.Keys.ShouldBe(["survivor"]);
    }

    [Fact]
    public async Task Renew_KeepsALongHandlersEntryFromBeingClaimed()
    {
        var id = await _client.AddAsync(_stream, [new("n", "1")]);
        await _client.ReadGroupAsync(_stream, "engine", "busy", count: 1);
        await Task.Delay(150);

        await _client.RenewAsync(_stream, "engine", "busy", [id]);
        var claimed = await _client.AutoClaimAsync(_stream, "engine", "thief", TimeSpan.FromMilliseconds(100));

        claimed.Entries.ShouldBeEmpty();
    }
}
