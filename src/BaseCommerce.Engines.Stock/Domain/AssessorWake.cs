using System.Data.Common;
using System.Runtime.CompilerServices;
using BaseCommerce.Engines.Stock.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// Wakes this process's <see cref="StockAssessor"/> for a store when a transaction that marked its products dirty
/// commits: woken earlier, it would find the marks not yet visible. (A NOTIFY per transaction did this across
/// processes, but PostgreSQL serializes the commits of notifying transactions on one lock, which capped the catch-up.)
/// Another replica's marks are taken by its own assessor, or by the sweep.
/// </summary>
public sealed class AssessorWake(StockAssessor assessor) : DbTransactionInterceptor
{
    static readonly ConditionalWeakTable<DbContext, object> Pending = new();

    /// <summary>
    /// Called after a statement that marked products: the assessor is woken when the transaction commits (now, when there
    /// is none). <paramref name="occurredAt"/>: when the newest fact behind the marks occurred (null: now), which tells the
    /// assessor whether it is catching up a backlog.
    /// </summary>
    public void Mark(StockDb db, DateTimeOffset? occurredAt = null)
    {
        if (db.Database.CurrentTransaction is null)
            assessor.Wake(db.Tenant.TenantId, occurredAt);
        else
            Pending.AddOrUpdate(db, Pending.TryGetValue(db, out var earlier)
                ? new Woken(db.Tenant.TenantId, Later(((Woken)earlier).OccurredAt, occurredAt))
                : new Woken(db.Tenant.TenantId, occurredAt));
    }

    /// <summary>What a transaction woke for: its store, and its newest fact (null: now, which nothing is newer than).</summary>
    sealed record Woken(Guid TenantId, DateTimeOffset? OccurredAt);

    static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null || b is null ? null : a > b ? a : b;

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    void Committed(DbContext? context)
    {
        if (context is not null && Pending.TryGetValue(context, out var woken) && Pending.Remove(context))
            assessor.Wake(((Woken)woken).TenantId, ((Woken)woken).OccurredAt);
    }

    static void Forget(DbContext? context)
    {
        if (context is not null)
            Pending.Remove(context);
    }
}
