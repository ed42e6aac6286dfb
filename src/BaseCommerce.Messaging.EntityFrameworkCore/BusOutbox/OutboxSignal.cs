using MassTransit.Middleware.Outbox;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// Wakes the delivery service when outbox rows were committed in this process. Unlike a cancellation-based
/// wake-up, a signal raised while the service is busy is kept, not lost, so the next wait returns at once.
/// </summary>
sealed class OutboxSignal(EntityFrameworkOutboxOptions options) : IBusOutboxNotification
{
    readonly SemaphoreSlim _signal = new(0, 1);

    public async Task WaitForDelivery(CancellationToken cancellationToken) =>
        await _signal.WaitAsync(options.QueryDelay, cancellationToken);

    public void Delivered()
    {
        try { _signal.Release(); }
        catch (SemaphoreFullException) { } // already signalled: one wake-up covers every commit so far
    }
}
