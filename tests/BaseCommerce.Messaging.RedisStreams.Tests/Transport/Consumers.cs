using System.Collections.Concurrent;
using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Tests.Transport;

public sealed class StockChangedConsumer : IConsumer<StockChanged>
{
    public Task Consume(ConsumeContext<StockChanged> context) => Task.CompletedTask;
}

public sealed class StockEventConsumer : IConsumer<IStockEvent>
{
    public Task Consume(ConsumeContext<IStockEvent> context) => Task.CompletedTask;
}

public sealed class PriceQueryConsumer : IConsumer<PriceQuery>
{
    public Task Consume(ConsumeContext<PriceQuery> context) => context.RespondAsync(new PriceAnswer(context.Message.Code, 42.50m));
}

public sealed class FailingConsumer : IConsumer<StockChanged>
{
    public Task Consume(ConsumeContext<StockChanged> context) => throw new InvalidOperationException("Estoque indisponível para " + context.Message.ProductId);
}

public sealed class FaultObserver : IConsumer<Fault<StockChanged>>
{
    public Task Consume(ConsumeContext<Fault<StockChanged>> context) => Task.CompletedTask;
}

/// <summary>Fails its first attempts; records every attempt's message id and redelivery count.</summary>
public sealed class FlakyConsumer : IConsumer<Flaky>
{
    public static readonly ConcurrentQueue<(Guid? MessageId, int Redelivery, int Retry)> Attempts = new();
    public static int FailuresLeft;

    public Task Consume(ConsumeContext<Flaky> context)
    {
        Attempts.Enqueue((context.MessageId, context.GetRedeliveryCount(), context.GetRetryAttempt()));
        return Interlocked.Decrement(ref FailuresLeft) >= 0 ? throw new TimeoutException("fornecedor fora do ar") : Task.CompletedTask;
    }
}

/// <summary>Records how many handlers run at once.</summary>
public sealed class SlowConsumer : IConsumer<Slow>
{
    static int _running;
    public static int MaxRunning;
    public static int Completed;

    public async Task Consume(ConsumeContext<Slow> context)
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = MaxRunning) < now && Interlocked.CompareExchange(ref MaxRunning, now, seen) != seen) { }
        await Task.Delay(150);
        Interlocked.Decrement(ref _running);
        Interlocked.Increment(ref Completed);
    }
}

/// <summary>Counts deliveries per message id (a transport-level view, without an inbox).</summary>
public sealed class CountingConsumer : IConsumer<StockChanged>
{
    public static readonly ConcurrentDictionary<Guid, int> Seen = new();
    // Keyed by product: test classes run in parallel and share this consumer, so each test reads only its own messages.
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<bool>> Redelivered = new();

    public Task Consume(ConsumeContext<StockChanged> context)
    {
        Seen.AddOrUpdate(context.Message.ProductId, 1, (_, n) => n + 1);
        Redelivered.GetOrAdd(context.Message.ProductId, _ => new()).Enqueue(context.ReceiveContext.Redelivered);
        return Task.CompletedTask;
    }
}

/// <summary>Takes longer than the lock duration; counts how many times it started.</summary>
public sealed class LongRunningConsumer : IConsumer<Slow>
{
    public static int Started;

    public async Task Consume(ConsumeContext<Slow> context)
    {
        Interlocked.Increment(ref Started);
        await Task.Delay(TimeSpan.FromSeconds(2));
    }
}

/// <summary>Takes a second per message; records which messages started and which ran to their end.</summary>
public sealed class ParcelConsumer : IConsumer<Parcel>
{
    public static readonly ConcurrentQueue<int> Started = new();
    public static readonly ConcurrentQueue<int> Finished = new();

    public async Task Consume(ConsumeContext<Parcel> context)
    {
        Started.Enqueue(context.Message.Id);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Finished.Enqueue(context.Message.Id);
    }
}

/// <summary>
/// Waits up to 5 s on its first run, noting whether the transport cancelled it; later runs complete at once. Keyed by
/// message, as test classes run side by side.
/// </summary>
public sealed class ContestedConsumer : IConsumer<Contested>
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<string>> Runs = new();

    public async Task Consume(ConsumeContext<Contested> context)
    {
        var runs = Runs.GetOrAdd(context.Message.Id, _ => new());
        if (!runs.IsEmpty)
        {
            runs.Enqueue("completed");
            return;
        }
        runs.Enqueue("started");
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.CancellationToken);
            runs.Enqueue("not-cancelled");
        }
        catch (OperationCanceledException)
        {
            runs.Enqueue("cancelled");
            throw;
        }
    }
}
