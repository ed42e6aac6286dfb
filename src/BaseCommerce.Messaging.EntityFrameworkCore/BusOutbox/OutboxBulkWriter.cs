using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// Writes a save's new outbox rows in two statements (its outboxes, then every message through <c>unnest</c>) instead
/// of EF's one parameterized INSERT per message: an engine's assessment that publishes three events for each of a
/// thousand products spent half a second in EF inserting them, most of it building 45,000 parameters. Only inside a
/// transaction the caller opened, so the rows still commit or roll back with the business rows, and only in an
/// asynchronous save; the rest is left to EF. The messages are detached once written, the outboxes marked saved (a
/// later publish in the scope then starts a new outbox, as after any save).
/// </summary>
sealed class OutboxBulkWriter : SaveChangesInterceptor
{
    public static readonly OutboxBulkWriter Instance = new();

    OutboxBulkWriter() { }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { Database.CurrentTransaction: not null } db)
            return result;
        db.ChangeTracker.DetectChanges();
        var messages = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        if (messages.Count == 0)
            return result;
        var outboxes = db.ChangeTracker.Entries<OutboxState>().Where(e => e.State == EntityState.Added).ToList();
        await InsertOutboxesAsync(db, outboxes, cancellationToken);
        await InsertMessagesAsync(db, [.. messages.Select(e => e.Entity)], cancellationToken);
        foreach (var outbox in outboxes)
            outbox.State = EntityState.Unchanged;
        foreach (var message in messages)
            message.State = EntityState.Detached;
        return result;
    }

    static async Task InsertOutboxesAsync(DbContext db, List<EntityEntry<OutboxState>> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
            return;
        Guid[] ids = [.. entries.Select(e => e.Entity.OutboxId)], locks = [.. entries.Select(e => e.Entity.LockId)];
        DateTime[] created = [.. entries.Select(e => e.Entity.Created)];
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO messaging.outbox_state (outbox_id, lock_id, created) SELECT * FROM unnest({ids}, {locks}, {created})
            """, ct);
    }

    static Task InsertMessagesAsync(DbContext db, IReadOnlyList<OutboxMessage> m, CancellationToken ct)
    {
        DateTime?[] enqueue = [.. m.Select(x => x.EnqueueTime)], expiration = [.. m.Select(x => x.ExpirationTime)];
        DateTime[] sent = [.. m.Select(x => x.SentTime)];
        string?[] headers = [.. m.Select(x => x.Headers)], properties = [.. m.Select(x => x.Properties)];
        Guid?[] inboxMessage = [.. m.Select(x => x.InboxMessageId)], inboxConsumer = [.. m.Select(x => x.InboxConsumerId)],
            outbox = [.. m.Select(x => x.OutboxId)], conversation = [.. m.Select(x => x.ConversationId)],
            correlation = [.. m.Select(x => x.CorrelationId)], initiator = [.. m.Select(x => x.InitiatorId)], request = [.. m.Select(x => x.RequestId)];
        Guid[] messageIds = [.. m.Select(x => x.MessageId)];
        string[] contentType = [.. m.Select(x => x.ContentType)], messageType = [.. m.Select(x => x.MessageType)], body = [.. m.Select(x => x.Body)];
        string?[] source = [.. m.Select(x => x.SourceAddress?.ToString())], destination = [.. m.Select(x => x.DestinationAddress?.ToString())],
            response = [.. m.Select(x => x.ResponseAddress?.ToString())], fault = [.. m.Select(x => x.FaultAddress?.ToString())];
        // WITH ORDINALITY and ORDER BY: the identity numbers the rows in the order they were added, the order of delivery.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO messaging.outbox_message (enqueue_time, sent_time, headers, properties, inbox_message_id, inbox_consumer_id, outbox_id,
                message_id, content_type, message_type, body, conversation_id, correlation_id, initiator_id, request_id, source_address,
                destination_address, response_address, fault_address, expiration_time)
            SELECT enqueue_time, sent_time, headers, properties, inbox_message_id, inbox_consumer_id, outbox_id, message_id, content_type,
                   message_type, body, conversation_id, correlation_id, initiator_id, request_id, source_address, destination_address,
                   response_address, fault_address, expiration_time
            FROM unnest({enqueue}, {sent}, {headers}, {properties}, {inboxMessage}, {inboxConsumer}, {outbox}, {messageIds}, {contentType},
                        {messageType}, {body}, {conversation}, {correlation}, {initiator}, {request}, {source}, {destination}, {response}, {fault},
                        {expiration})
                WITH ORDINALITY AS u(enqueue_time, sent_time, headers, properties, inbox_message_id, inbox_consumer_id, outbox_id, message_id,
                    content_type, message_type, body, conversation_id, correlation_id, initiator_id, request_id, source_address,
                    destination_address, response_address, fault_address, expiration_time, position)
            ORDER BY position
            """, ct);
    }
}
