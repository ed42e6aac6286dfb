using BaseCommerce.Messaging.EntityFrameworkCore.Entities;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// Writes the messages of one unit of work as bus-outbox rows of its DbContext: they commit or roll back with the
/// business rows, and the delivery service sends them after commit (woken at once in this process).
/// </summary>
sealed class BusOutboxWriter(DbContext dbContext, IObjectDeserializer serializer, IServiceProvider scope)
{
    readonly Action<IServiceProvider, SendContext>? _beforeWrite = scope.GetService(typeof(EntityFrameworkOutboxOptions)) is EntityFrameworkOutboxOptions o
        ? o.BeforeWrite
        : null;
    readonly Lock _sync = new();
    OutboxState? _outbox;

    public void Add<T>(SendContext<T> context) where T : class
    {
        _beforeWrite?.Invoke(scope, context);
        lock (_sync)
        {
            // Once the outbox row of this unit of work has been saved, later messages start a new outbox: the saved one
            // may already be committed and claimed by the delivery service.
            if (_outbox is null || dbContext.Entry(_outbox).State == EntityState.Unchanged)
            {
                _outbox = new OutboxState { OutboxId = NewId.NextGuid(), LockId = Guid.Empty, Created = DateTime.UtcNow };
                dbContext.Add(_outbox);
            }
            dbContext.Add(OutboxMessageFactory.Create(context, serializer, outboxId: _outbox.OutboxId));
            OutboxCommitNotifier.MarkPending(dbContext);
        }
    }
}
