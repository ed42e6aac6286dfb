namespace BaseCommerce.Messaging.EntityFrameworkCore.Entities;

/// <summary>
/// One unit of work that wrote to the bus outbox (<c>messaging.outbox_state</c>). The delivery service claims
/// these rows with <c>FOR UPDATE SKIP LOCKED</c>, so each outbox is delivered by one replica, in sequence order.
/// </summary>
public sealed class OutboxState
{
    public Guid OutboxId { get; set; }
    public Guid LockId { get; set; }
    public DateTime Created { get; set; }
    public DateTime? Delivered { get; set; }
    public long? LastSequenceNumber { get; set; }
}
