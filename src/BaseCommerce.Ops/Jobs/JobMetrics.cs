using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Server;
using Hangfire;
using Hangfire.Storage;
using BaseCommerce.Scheduling;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// The scheduler's figures on <c>/metrics</c>: runs by kind and outcome (<c>ok</c>, <c>skipped</c>, <c>error</c> per attempt;
/// <c>failed</c> once retries are exhausted), each attempt's duration, and how late the most overdue recurring job is.
/// Kinds only, never the store: a label per store would grow with the customers.
/// </summary>
public sealed class JobMetrics : JobFilterAttribute, IServerFilter, IApplyStateFilter
{
    public const string MeterName = "BaseCommerce.Jobs";
    static readonly Meter Meter = new(MeterName);
    static readonly Counter<long> Runs = Meter.CreateCounter<long>("basecommerce.jobs.runs", "{run}", "Job attempts, by kind and outcome.");
    static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("basecommerce.jobs.duration", "s", "Duration of each job attempt.");
    // A box, not the value: a job sets it inside its own async flow, whose changes to an AsyncLocal never reach the
    // filter that runs after it; the box the filter put there is shared.
    static readonly AsyncLocal<StrongBox<string?>?> Outcome = new();
    const string StartedKey = "basecommerce:started";

    /// <summary>Recorded by a job that ended without doing its work (store gone, disabled, job paused).</summary>
    public static void Skipped()
    {
        if (Outcome.Value is { } box)
            box.Value = "skipped";
    }

    public void OnPerforming(PerformingContext context)
    {
        Outcome.Value = new StrongBox<string?>();
        context.Items[StartedKey] = Stopwatch.GetTimestamp();
    }

    public void OnPerformed(PerformedContext context)
    {
        var kind = KindOf(context.BackgroundJob.Job);
        var outcome = context.Exception is not null ? "error" : Outcome.Value?.Value ?? "ok";
        var tags = new TagList { { "kind", kind }, { "outcome", outcome } };
        Runs.Add(1, tags);
        if (context.Items.TryGetValue(StartedKey, out var started) && started is long at)
            Duration.Record(Stopwatch.GetElapsedTime(at).TotalSeconds, new TagList { { "kind", kind } });
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        if (context.NewState is FailedState)
            Runs.Add(1, new TagList { { "kind", KindOf(context.BackgroundJob.Job) }, { "outcome", "failed" } });
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction) { }

    /// <summary>A store job's kind is its first argument; a platform job is named by its type (<c>IMessagingCleanup</c> → <c>messaging-cleanup</c>).</summary>
    static string KindOf(Job? job) =>
        job is { Args: [string kind, ..] } && typeof(IStoreJobs).IsAssignableFrom(job.Type) ? kind
        : job is null ? "unknown" : KebabCase(job.Type.IsInterface && job.Type.Name.StartsWith('I') ? job.Type.Name[1..] : job.Type.Name);

    static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    static Func<double>? _lag;

    static JobMetrics() =>
        Meter.CreateObservableGauge("basecommerce.jobs.next_run_lag", () => _lag?.Invoke() ?? 0, "s",
            "How far behind its next run the most overdue recurring job is (0 when none is).");

    /// <summary>Feeds the lag gauge from the storage, read at most every 15 s (each read lists every recurring job).</summary>
    public static void ObserveLag(Func<JobStorage> storage, TimeProvider clock)
    {
        double last = 0;
        var readAt = DateTimeOffset.MinValue;
        _lag = () =>
        {
            var now = clock.GetUtcNow();
            if (now - readAt > TimeSpan.FromSeconds(15))
            {
                readAt = now;
                using var connection = storage().GetConnection();
                last = connection.GetRecurringJobs()
                    .Where(j => j.NextExecution is not null)
                    .Select(j => Math.Max(0, (now.UtcDateTime - j.NextExecution!.Value).TotalSeconds))
                    .DefaultIfEmpty(0).Max();
            }
            return last;
        };
    }
}

/// <summary>What a job that did not do its work says on the dashboard, counted as skipped.</summary>
public static class JobOutcomes
{
    public static string Skip(string kind, string reason)
    {
        JobMetrics.Skipped();
        return $"{kind}: {reason}";
    }
}
