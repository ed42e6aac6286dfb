using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BaseCommerce.Tenancy.Data;

/// <summary>
/// Gives PostgreSQL the tenant of the DbContext as a transaction-local setting,
/// <c>set_config('app.tenant_id', …, true)</c>, which the row-level security policies read
/// (<c>platform.current_tenant_id()</c>). Being transaction-local, it disappears at commit or rollback,
/// so a pooled connection never carries one tenant's setting into another tenant's work.
/// <list type="bullet">
/// <item>In a transaction (every SaveChanges of a <see cref="TenantDbContext"/> runs in one), the setting is made
/// once, when the transaction starts.</item>
/// <item>A command outside any transaction gets the statement in front of its own text: it then runs in the same
/// implicit transaction at no extra round trip, and Npgsql skips its empty result.</item>
/// </list>
/// Commands of a context without a tenant get nothing, so RLS then shows them no tenant-owned row.
/// </summary>
public sealed class TenantRlsInterceptor : DbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly TenantRlsInterceptor Instance = new();

    TenantRlsInterceptor() { }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        SetForTransaction(eventData.Context, result);
        return result;
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await SetForTransactionAsync(eventData.Context, result, cancellationToken);
        return result;
    }

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        SetForTransaction(eventData.Context, result);
        return result;
    }

    public async ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await SetForTransactionAsync(eventData.Context, result, cancellationToken);
        return result;
    }

    // Commands inside a transaction are left untouched: the Npgsql provider reads each statement's row count
    // by position when it saves changes, so an extra statement in front would shift them.
    static void Prefix(DbCommand command, CommandEventData eventData)
    {
        if (command.Transaction is null && eventData.Context is TenantDbContext { Tenant.Tenant: { } tenant })
            command.CommandText = SetTenantSql(tenant.Id) + command.CommandText;
    }

    static void SetForTransaction(DbContext? context, DbTransaction transaction)
    {
        if (SetCommand(context, transaction) is { } command)
            using (command) command.ExecuteNonQuery();
    }

    static async Task SetForTransactionAsync(DbContext? context, DbTransaction transaction, CancellationToken ct)
    {
        if (SetCommand(context, transaction) is { } command)
            await using (command) await command.ExecuteNonQueryAsync(ct);
    }

    static DbCommand? SetCommand(DbContext? context, DbTransaction transaction)
    {
        if (context is not TenantDbContext { Tenant.Tenant: { } tenant })
            return null;
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SetTenantSql(tenant.Id);
        return command;
    }

    /// <summary>The statement that sets the tenant for the rest of the current transaction.</summary>
    public static string SetTenantSql(Guid tenantId) =>
        // A Guid's "D" format is hex digits and hyphens only, so inlining it cannot inject SQL.
        $"DO $tenant$BEGIN PERFORM set_config('app.tenant_id', '{tenantId:D}', true); END$tenant$;\n";
}
