namespace BaseCommerce.Messaging.EntityFrameworkCore.Entities;

/// <summary>
/// A message received by one consumer (<c>messaging.inbox_state</c>), unique per (MessageId, ConsumerId):
/// the row that makes consumption effectively-once. It is locked while the consumer runs, so a duplicate
/// delivered to another replica waits, then finds the message already consumed.
/// </summary>
public sealed class InboxState
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }

    /// <summary>Derived by MassTransit from the endpoint name and consumer type.</summary>
    public Guid ConsumerId { get; set; }

    public Guid LockId { get; set; }
    public DateTime Received { get; set; }
    public int ReceiveCount { get; set; }
    public DateTime? ExpirationTime { get; set; }
    public DateTime? Consumed { get; set; }

    /// <summary>When the consumer's outgoing messages were all delivered.</summary>
    public DateTime? Delivered { get; set; }

    public long? LastSequenceNumber { get; set; }
}
