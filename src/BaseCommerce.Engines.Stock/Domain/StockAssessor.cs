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
    /// The most marks per transaction: a store's backlog is taken in batches of what the consumers recorded meanwhile (a
    /// few marks per sale, thousands a second), each costing about its products', each product assessed once.
    /// </summary>
    public const int BatchSize = 50_000;

    /// <summary>Marks of a round's first transaction: see <see cref="DrainTenantAsync"/>.</summary>
    public const int FirstBatchSize = 250;

    static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(250);
    static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(50);
    static readonly TimeSpan MaxCoalesce = TimeSpan.FromSeconds(1);
    static readonly TimeSpan MaxCatchUpWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Facts this old when recorded come from a backlog (the engine was down or behind): nobody waits on each one, so the
    /// assessor takes them in fewer, larger rounds and leaves the CPU to the consumers catching up.
    /// </summary>
    public static readonly TimeSpan CatchingUp = TimeSpan.FromSeconds(5);
    static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    /// <summary>Stores to look at; null means "every store" (the sweep).</summary>
    readonly Channel<Guid?> _wake = Channel.CreateUnbounded<Guid?>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>When the newest fact woken for since the last round occurred (ticks, UTC); 0 when none said.</summary>
    long _newestFact;

    /// <summary>Marks of the store committed; <paramref name="occurredAt"/> is when the newest fact behind them occurred (null: now).</summary>
    public void Wake(Guid tenantId, DateTimeOffset? occurredAt = null)
    {
        var ticks = (occurredAt ?? DateTimeOffset.UtcNow).UtcTicks;
        for (var seen = Interlocked.Read(ref _newestFact); ticks > seen; seen = Interlocked.Read(ref _newestFact))
            if (Interlocked.CompareExchange(ref _newestFact, ticks, seen) == seen)
                break;
        _wake.Writer.TryWrite(tenantId);
    }

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
                Interlocked.Exchange(ref _newestFact, 0);
                foreach (var tenant in pending.Order().ToList())
                {
                    pending.Remove(tenant);
                    await DrainTenantAsync(tenant, ct);
                }
                // A quiet store's first change is assessed at once; under a stream of changes, what arrives meanwhile
                // is taken together, so a product is assessed at most twenty times a second, not once per event. A
                // longer round waits half as long as it took, leaving a third of the time to the consumers. When every
                // fact woken for was old (a backlog), it waits twice as long as it took: a round costs about the same
                // whatever number of facts it covers (its products'), and nobody is waiting on those facts one by one.
                var took = Stopwatch.GetElapsedTime(round);
                var wait = CatchingUpNow() ? Clamp(took * 2, Coalesce, MaxCatchUpWait) : Clamp(took / 2, Coalesce, MaxCoalesce);
                await Task.Delay(wait, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Whether every fact woken for since the round began is older than <see cref="CatchingUp"/> (none: no).</summary>
    bool CatchingUpNow()
    {
        var newest = Interlocked.Read(ref _newestFact);
        return newest > 0 && DateTimeOffset.UtcNow.UtcTicks - newest > CatchingUp.Ticks;
    }

    static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    async Task DrainTenantAsync(Guid tenantId, CancellationToken ct)
    {
        try
        {
            if (await directory.FindByIdAsync(tenantId, ct) is not { } tenant)
                return;
            // The first batch is small, so that its products' events are committed and on their way while the rest
            // is assessed; each full batch is followed by a larger one, up to BatchSize, so a backlog of marks is taken
            // in a few large batches (a batch costs about its products', whatever its number of marks).
            int taken, batchSize = FirstBatchSize;
            while ((taken = await RetryingAsync(() => AssessBatchAsync(tenant, batchSize, ct))) == batchSize)
                batchSize = Math.Min(batchSize * 4, BatchSize);
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
    /// Reads up to <paramref name="batchSize"/> marks of the store, re-assesses their products and deletes those marks, in one
    /// transaction; returns how many marks it took, or -1 when another replica holds the store.
    /// </summary>
    async Task<int> AssessBatchAsync(TenantInfo tenant, int batchSize, CancellationToken ct)
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
            WHERE tenant_id = {tenant.Id} ORDER BY id LIMIT {batchSize}
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
