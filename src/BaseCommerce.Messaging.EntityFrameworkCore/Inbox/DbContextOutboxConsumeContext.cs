using BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;
using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Inbox;

/// <summary>
/// The consume context a consumer sees behind the inbox: its <c>Publish</c>/<c>Send</c> become bus-outbox rows, written by
/// the same DbContext and transaction as the consumer's own changes and its inbox row, and sent by the delivery service
/// after commit. So a committed consume always has its messages on their way: nothing depends on the same entry being
/// delivered again (review finding 2: when the messages hung on the inbox row, a failed send, an expired or dead-lettered
/// redelivery left the write committed and its events unsent for good). Messages hung on an inbox row by an earlier
/// version are still delivered by MassTransit's pipe on the entry's next delivery.
/// </summary>
sealed class DbContextOutboxConsumeContext<TDbContext, TMessage>(ConsumeContext<TMessage> context, OutboxConsumeOptions options,
    IServiceProvider provider, TDbContext db, InboxState inbox, bool inTransaction)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TDbContext : DbContext
    where TMessage : class
{
    readonly BusOutboxWriter _writer = new(db, context.SerializerContext, provider);

    public override Guid? MessageId => inbox.MessageId;
    public override bool ContinueProcessing { get; set; } = true;
    public override bool IsMessageConsumed => inbox.Consumed.HasValue;
    public override bool IsOutboxDelivered => inbox.Delivered.HasValue;
    public override int ReceiveCount => inbox.ReceiveCount;
    public override long? LastSequenceNumber => inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        inbox.Consumed = DateTime.UtcNow;
        // Nothing hangs on the inbox row: it is delivered as it commits, and MassTransit's pipe has no second step to take.
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
        _writer.Add(context);
        return Task.CompletedTask;
    }
}
