namespace BaseCommerce.Messaging.EntityFrameworkCore;

/// <summary>Settings of the EF Core outbox, inbox and delivery service (clean-up: <see cref="Inbox.InboxPurge"/>).</summary>
public sealed class EntityFrameworkOutboxOptions
{
    /// <summary>How often the delivery service looks for committed outbox rows when nothing in this process woke it.</summary>
    public TimeSpan QueryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many outboxes (committed units of work) one delivery round claims.</summary>
    public int OutboxBatchSize { get; set; } = 200;

    /// <summary>How many outboxes a delivery round sends to the transport at the same time (each in its own order).</summary>
    public int DeliveryConcurrency { get; set; } = 32;

    /// <summary>Delivery rounds running side by side in one process; SKIP LOCKED keeps their claims apart.</summary>
    public int DeliveryWorkers { get; set; } = 2;

    /// <summary>How long one send to the transport may take before the round gives up and retries later.</summary>
    public TimeSpan MessageDeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Prepares the service scope of the delivery service before it resolves the DbContext; the
    /// composition root uses it to declare that work as platform work (it spans tenants).
    /// </summary>
    public Action<IServiceProvider>? ConfigureBackgroundScope { get; set; }

    /// <summary>
    /// Runs on every message about to become an outbox row, with the writing scope's services, after every filter and the
    /// caller's own pipe (the last point at which the sender's scope can refuse it); throwing fails the send.
    /// </summary>
    public Action<IServiceProvider, MassTransit.SendContext>? BeforeWrite { get; set; }

    internal bool BusOutbox { get; set; }
    internal bool DeliveryService { get; set; } = true;

    /// <summary>Routes <c>Publish</c>/<c>Send</c> outside consumers through the outbox of the scope's DbContext.</summary>
    public EntityFrameworkOutboxOptions UseBusOutbox(bool deliveryService = true)
    {
        BusOutbox = true;
        DeliveryService = deliveryService;
        return this;
    }
}
