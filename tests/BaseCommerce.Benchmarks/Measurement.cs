using System.Diagnostics;

namespace BaseCommerce.Benchmarks;

/// <summary>Collects one run's per-message latencies and its overall rate.</summary>
public sealed class Measurement(int expected)
{
    readonly double[] _latenciesMs = new double[expected];
    readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    int _count;

    public long StartedAt { get; private set; } = Stopwatch.GetTimestamp();
    public long FinishedAt { get; private set; }
    public Task Done => _done.Task;

    public void Start() => StartedAt = Stopwatch.GetTimestamp();

    /// <summary>Records a message that left at <paramref name="sentAt"/> (a Stopwatch timestamp of this process).</summary>
    public void Arrived(long sentAt)
    {
        var now = Stopwatch.GetTimestamp();
        var index = Interlocked.Increment(ref _count) - 1;
        if (index >= _latenciesMs.Length)
            return;
        _latenciesMs[index] = Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds;
        if (index == _latenciesMs.Length - 1)
        {
            FinishedAt = now;
            _done.TrySetResult();
        }
    }

    public int Count => Math.Min(_count, _latenciesMs.Length);

    public async Task<Result> WaitAsync(string name, TimeSpan timeout)
    {
        try { await Done.WaitAsync(timeout); }
        catch (TimeoutException) { throw new TimeoutException($"{name}: only {Count} of {_latenciesMs.Length} messages arrived in {timeout}"); }
        return Result(name);
    }

    public Result Result(string name)
    {
        var sorted = _latenciesMs.ToArray();
        Array.Sort(sorted);
        var seconds = Stopwatch.GetElapsedTime(StartedAt, FinishedAt).TotalSeconds;
        return new Result(name, sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999));
    }

    static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

public sealed record Result(string Name, double PerSecond, double P50Ms, double P99Ms, double P999Ms = double.NaN);
