using System.Data.Common;
using System.Runtime.CompilerServices;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BaseCommerce.Messaging.EntityFrameworkCore.BusOutbox;

/// <summary>
/// Wakes the in-process delivery service the moment a transaction that wrote outbox rows commits, so delivery
/// does not wait for the next poll. Other processes' delivery services find the rows on their next poll.
/// </summary>
sealed class OutboxCommitNotifier(IBusOutboxNotification notification) : DbTransactionInterceptor
{
    static readonly ConditionalWeakTable<DbContext, object> Pending = new();
    static readonly object Marker = new();

    public static void MarkPending(DbContext context) => Pending.AddOrUpdate(context, Marker);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Notify(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Notify(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void Notify(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
            notification.Delivered();
    }

    static void Forget(DbContext? context)
    {
        if (context is not null)
            Pending.Remove(context);
    }
}
