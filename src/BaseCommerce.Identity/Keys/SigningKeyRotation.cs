namespace BaseCommerce.Identity.Keys;

/// <summary>Checks every hour that a signing key exists and is not due for rotation (first check at start-up).</summary>
public sealed partial class SigningKeyRotation(SigningKeyRing ring, ILogger<SigningKeyRotation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await ring.EnsureCurrentAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly away; the next tick (or the first token request) tries again.
                LogCheckFailed(logger, e);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Signing key check failed")]
    static partial void LogCheckFailed(ILogger logger, Exception exception);
}
