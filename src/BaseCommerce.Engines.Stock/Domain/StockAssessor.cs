using System.Data;
using System.Diagnostics;
using System.Threading.Channels;
using BaseCommerce.Engines.Stock.Data;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// Re-assesses the products the consumers marked dirty, in batches per store, each batch in one transaction with the
/// events it publishes (the outbox). A burst of events about a product costs one assessment, not one per event, and
/// the consumers stay at one or two statements per message. Woken for a store when a transaction of this process that
/// marked its products commits (<see cref="AssessorWake"/>); a sweep of every store at start and every minute takes
/// what no wake announced (marks of a replica that died before assessing them: they are deleted only when the batch
/// that assessed them commits).
/// </summary>
public sealed class StockAssessor(IServiceScopeFactory scopes, TenantDirectory directory, ILogger<StockAssessor> logger)
    : BackgroundService
{
    /// <summary>
    /// Marks per transaction: enough to amortize the set-based reads over a burst (catching up a backlog marks a few
    /// products per sale, thousands a second), few enough to keep a batch short (its products, each assessed once).
    /// </summary>
    public const int BatchSize = 10_000;

    static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan MaxCoalesce = TimeSpan.FromSeconds(1);
    static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>Stores to look at; null means "every store" (the sweep).</summary>
    readonly Channel<Guid?> _wake = Channel.CreateUnbounded<Guid?>(new UnboundedChannelOptions { SingleReader = true });

    public void Wake(Guid tenantId) => _wake.Writer.TryWrite(tenantId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var sweeps = new PeriodicTimer(SweepEvery);
        _wake.Writer.TryWrite(null); // what was marked while this process was not running
        var sweeping = Task.Run(async () =>
        {
            while (await sweeps.WaitForNextTickAsync(stoppingToken))
                _wake.Writer.TryWrite(null);
        }, stoppingToken);
        await DrainAsync(stoppingToken);
        try
        {
            await sweeping;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    async Task DrainAsync(CancellationToken ct)
    {
        var pending = new HashSet<Guid>();
        try
        {
            while (await _wake.Reader.WaitToReadAsync(ct))
            {
                var sweep = false;
                while (_wake.Reader.TryRead(out var tenant))
                {
                    if (tenant is { } id)
                        pending.Add(id);
                    else
                        sweep = true;
                }
                if (sweep)
                {
                    try
                    {
                        pending.UnionWith((await directory.ListActiveAsync(ct)).Select(t => t.Id));
                    }
                    catch (NpgsqlException e)
                    {
                        logger.LogWarning(e, "Stock assessor could not list the stores to sweep; the next sweep tries again");
                    }
                }
                var round = Stopwatch.GetTimestamp();
                foreach (var tenant in pending.Order().ToList())
                {
                    pending.Remove(tenant);
                    await DrainTenantAsync(tenant, ct);
                }
                // A quiet store's first change is assessed at once; under a stream of changes, what arrives meanwhile
                // is taken together, so a product is assessed at most ten times a second, not once per event. A round
                // that took longer (a backlog being caught up) waits half as long as it took, leaving a third of the
                // time to the consumers recording the facts it will assess.
                var wait = Stopwatch.GetElapsedTime(round) / 2;
                await Task.Delay(wait < Coalesce ? Coalesce : wait > MaxCoalesce ? MaxCoalesce : wait, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    async Task DrainTenantAsync(Guid tenantId, CancellationToken ct)
    {
        try
        {
            if (await directory.FindByIdAsync(tenantId, ct) is not { } tenant)
                return;
            int taken;
            while ((taken = await RetryingAsync(() => AssessBatchAsync(tenant, ct))) == BatchSize)
            {
            }
            if (taken < 0) // another replica is on this store: look again shortly, it may stop before what was just marked
                _ = Task.Delay(Busy, ct).ContinueWith(_ => _wake.Writer.TryWrite(tenantId), TaskScheduler.Default);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The batch rolled back: its marks stay and the next wake or sweep retries them.
            logger.LogError(e, "Stock assessment of tenant {TenantId} failed; its products stay marked for the next round", tenantId);
        }
    }

    /// <summary>
    /// A batch whose snapshot lost a race (staff acknowledged an alert it updates) is run again from a new snapshot.
    /// </summary>
    static async Task<int> RetryingAsync(Func<Task<int>> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await batch();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SerializationFailure && attempt < 3)
            {
            }
        }
    }

    /// <summary>
    /// Reads up to <see cref="BatchSize"/> marks of the store, re-assesses their products and deletes those marks, in one
    /// transaction; returns how many marks it took, or -1 when another replica holds the store.
    /// </summary>
    async Task<int> AssessBatchAsync(TenantInfo tenant, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
        var db = scope.ServiceProvider.GetRequiredService<StockDb>();
        // One snapshot for the marks and every fact read: a consumer committing in between (a sale and the ABC class it
        // changed) is then seen whole or not at all, and its marks stay for the next batch.
        await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        // A failed batch rolls back whole: savepoints around its saves (one per chunk of outbox) would protect nothing.
        db.Database.AutoSavepointsEnabled = false;
        // One assessor per store at a time: two would decide the same product's alert at once.
        var mine = await db.Database.SqlQuery<bool>($"""
            SELECT pg_try_advisory_xact_lock(hashtextextended({tenant.Id.ToString() + ":stock-assessor"}, 0)) AS "Value"
            """).SingleAsync(ct);
        if (!mine)
            return -1;
        var marks = await db.Database.SqlQuery<Mark>($"""
            SELECT id AS "Id", product_id AS "ProductId", correlation_id AS "CorrelationId" FROM stock.dirty_products
            WHERE tenant_id = {tenant.Id} ORDER BY id LIMIT {BatchSize}
            """).ToListAsync(ct);
        if (marks.Count == 0)
            return 0;
        // Each product once, with the correlation of its latest change.
        var products = marks.GroupBy(m => m.ProductId).Select(g => new DirtyProduct(g.Key, g.MaxBy(m => m.Id)!.CorrelationId)).ToList();
        await scope.ServiceProvider.GetRequiredService<StockAdvisor>().AssessAsync(products, ct);
        long[] ids = [.. marks.Select(m => m.Id)];
        await db.Database.ExecuteSqlAsync($"DELETE FROM stock.dirty_products WHERE tenant_id = {tenant.Id} AND id = ANY({ids})", ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return marks.Count;
    }

    sealed record Mark(long Id, Guid ProductId, Guid CorrelationId);
}
