using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Inbox;

/// <summary>
/// Removes inbox rows once their duplicate-detection window has passed (their outgoing messages go with them,
/// ON DELETE CASCADE). Every replica may run it: each delete is one idempotent statement.
/// </summary>
sealed class InboxCleanupService<TDbContext>(IServiceProvider services, EntityFrameworkOutboxOptions options,
    ILogger<InboxCleanupService<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CleanupInterval);
        do
        {
            try
            {
                var removed = await CleanUp(stoppingToken);
                if (removed > 0)
                    logger.LogDebug("Inbox cleanup removed {Count} rows", removed);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Inbox cleanup failed; retrying at the next interval");
            }
        } while (await WaitNext(timer, stoppingToken));
    }

    static async Task<bool> WaitNext(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    internal async Task<int> CleanUp(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        options.ConfigureBackgroundScope?.Invoke(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = DateTime.UtcNow - options.DuplicateDetectionWindow;
        return await db.Set<InboxState>()
            .Where(i => i.Delivered != null && i.Delivered < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
