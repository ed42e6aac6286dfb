using BaseCommerce.Testing;
using MassTransit;
using MassTransit.Testing;
using Shouldly;

namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

/// <summary>A replica that stops (a deploy, a scale-down) finishes what it started and leaves the rest for its peers.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_FinishesInFlightHandlers_AcknowledgesOnlyThem_AndHandsTheRestToTheNextReplicaAtOnce()
    {
        ParcelConsumer.Started.Clear();
        ParcelConsumer.Finished.Clear();
        var prefix = TestSettings.NewRedisPrefix();
        void Consumer(IBusRegistrationConfigurator x) =>
            x.AddConsumer<ParcelConsumer>().Endpoint(e =>
            {
                e.Name = "entregas";
                e.ConcurrentMessageLimit = 2;
            });
        // The sender stays up until the end: disposing a test bus deletes every key under its prefix.
        await using var sender = await TestBus.StartAsync(_ => { }, prefix: prefix);
        var first = await TestBus.StartAsync(Consumer, e => e.ConsumerName = "replica-1", prefix);
        var endpoint = await sender.Bus.GetSendEndpoint(new Uri("queue:entregas"));
        for (var id = 1; id <= 6; id++)
            await endpoint.Send(new Parcel(id));
        await TestBus.Eventually(() => Task.FromResult(ParcelConsumer.Started.Count >= 2));

        await first.Harness.Stop();

        var finishedBeforeStop = ParcelConsumer.Finished.ToArray();
        finishedBeforeStop.ShouldBe(ParcelConsumer.Started.ToArray(), ignoreOrder: true, "every handler that started ran to its end");
        var stream = sender.Keys.Stream("entregas");
        (await sender.Client.LengthAsync(stream)).ShouldBe(6 - finishedBeforeStop.Length, "only completed messages were acknowledged");

        // The default lock duration is 60 s: the rest arriving within seconds means none stayed claimed by the stopped replica.
        await using var second = await TestBus.StartAsync(Consumer, e => e.ConsumerName = "replica-2", prefix);
        await TestBus.Eventually(() => Task.FromResult(ParcelConsumer.Finished.Count >= 6), TimeSpan.FromSeconds(15));
        ParcelConsumer.Finished.ShouldBe([1, 2, 3, 4, 5, 6], ignoreOrder: true);
        await TestBus.Eventually(async () => await sender.Client.LengthAsync(stream) == 0);
        await first.DisposeAsync();
    }
}
