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

    /// <summary>Called after a statement that marked products: the assessor is woken when the transaction commits (now, when there is none).</summary>
    public void Mark(StockDb db)
    {
        if (db.Database.CurrentTransaction is null)
            assessor.Wake(db.Tenant.TenantId);
        else
            Pending.AddOrUpdate(db, db.Tenant.TenantId);
    }

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
        if (context is not null && Pending.TryGetValue(context, out var tenant) && Pending.Remove(context))
            assessor.Wake((Guid)tenant);
    }

    static void Forget(DbContext? context)
    {
        if (context is not null)
            Pending.Remove(context);
    }
}
