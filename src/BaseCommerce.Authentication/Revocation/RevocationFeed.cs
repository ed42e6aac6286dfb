using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace BaseCommerce.Authentication.Revocation;

/// <summary>
/// Reads the revocation stream into <see cref="RevokedAccess"/>: everything still in force at start, then what is new every
/// <see cref="PollInterval"/>, so a revocation reaches this process well within the 5 s we promise. While Redis is away
/// the copy keeps what it had (tokens revoked meanwhile pass until it is back) and readiness says so, degraded.
/// </summary>
public sealed class RevocationFeed(RevocationStream stream, RevokedAccess revoked, ILogger<RevocationFeed> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    const int Page = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? lastId = null;
        var failing = false;
        var prunedAt = DateTime.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                IReadOnlyList<AccessRevocation> page;
                do
                {
                    (lastId, page) = await stream.ReadAsync(lastId, Page);
                    foreach (var revocation in page)
                        revoked.Add(revocation);
                } while (page.Count == Page);
                revoked.MarkSynced();
                if (failing)
                    logger.LogInformation("Revocation feed reading again");
                failing = false;
            }
            catch (Exception e) when (e is RedisException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                if (!failing)
                    logger.LogWarning(e, "Revocation feed cannot read Redis; tokens revoked meanwhile are accepted until it can");
                failing = true;
            }
            if (DateTime.UtcNow - prunedAt > TimeSpan.FromMinutes(1))
            {
                revoked.Prune();
                prunedAt = DateTime.UtcNow;
            }
            try { await Task.Delay(PollInterval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>Degraded (still ready) when this process's copy of the revocations is more than 5 s old.</summary>
public sealed class RevocationFeedHealthCheck(RevokedAccess revoked, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(revoked.SyncedAt is { } at && clock.GetUtcNow() - at <= TimeSpan.FromSeconds(5)
            ? HealthCheckResult.Healthy($"{revoked.Count} revocations in force")
            : HealthCheckResult.Degraded(revoked.SyncedAt is { } last
                ? $"revocations last read {(clock.GetUtcNow() - last).TotalSeconds:0} s ago"
                : "revocations not read yet"));
}
