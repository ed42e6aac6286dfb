using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Inbox;

/// <summary>
/// The consume context a consumer sees behind the inbox: its <c>Publish</c>/<c>Send</c> become outbox rows of
/// the message's inbox entry (a batch's: one of its messages' entries), written by the same DbContext and transaction
/// as the consumer's own changes.
/// </summary>
sealed class DbContextOutboxConsumeContext<TDbContext, TMessage>(ConsumeContext<TMessage> context, OutboxConsumeOptions options,
    IServiceProvider provider, TDbContext db, InboxState inbox, bool inTransaction)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TDbContext : DbContext
    where TMessage : class
{
    readonly Lock _sync = new();

    /// <summary>True once the consumer sent or published something in this attempt.</summary>
    public bool AddedMessages { get; private set; }

    public override Guid? MessageId => inbox.MessageId;
    public override bool ContinueProcessing { get; set; } = true;
    public override bool IsMessageConsumed => inbox.Consumed.HasValue;
    public override bool IsOutboxDelivered => inbox.Delivered.HasValue;
    public override int ReceiveCount => inbox.ReceiveCount;
    public override long? LastSequenceNumber => inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        inbox.Consumed = DateTime.UtcNow;
        // Nothing to deliver: mark it delivered now and spare the round trip MassTransit's pipe would make for it.
        if (!AddedMessages)
            inbox.Delivered = inbox.Consumed;
        await db.SaveChangesAsync(CancellationToken);
    }

    public override async Task SetDelivered()
    {
        inbox.Delivered = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken);
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var after = inbox.LastSequenceNumber ?? 0;
        var messages = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.InboxMessageId == inbox.MessageId && m.InboxConsumerId == ConsumerId && m.SequenceNumber > after)
            .OrderBy(m => m.SequenceNumber)
            .Take(Options.MessageDeliveryLimit + 1)
            .ToListAsync(CancellationToken);
        foreach (var message in messages)
            message.Deserialize(SerializerContext);
        return [.. messages];
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        inbox.LastSequenceNumber = message.SequenceNumber;
        return Task.CompletedTask;
    }

    public override async Task RemoveOutboxMessages()
    {
        if (inTransaction)
            await db.Set<OutboxMessage>()
                .Where(m => m.InboxMessageId == inbox.MessageId && m.InboxConsumerId == ConsumerId)
                .ExecuteDeleteAsync(CancellationToken);
    }

    public override Task AddSend<T>(SendContext<T> context)
    {
        lock (_sync)
        {
            db.Add(OutboxMessageFactory.Create(context, SerializerContext, inboxMessageId: inbox.MessageId, inboxConsumerId: ConsumerId));
            AddedMessages = true;
        }
        return Task.CompletedTask;
    }
}
