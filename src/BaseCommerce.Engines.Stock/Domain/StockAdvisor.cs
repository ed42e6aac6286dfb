using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>A product to re-assess, and the correlation of the event that made it so.</summary>
public sealed record DirtyProduct(Guid ProductId, Guid CorrelationId);

/// <summary>
/// Re-derives products from the facts (<see cref="Assessment"/>), set-based: one read of their levels, reservations,
/// classes and stored figures, one of their demand sums over the window (one row per product), the formulas in memory;
/// then publishes what changed: figures (<see cref="StockInsightUpdated"/>), the alert raised, updated or resolved, the
/// purchase suggestion. Only the <see cref="StockAssessor"/> re-assesses (<see cref="AssessAsync"/>), on the products
/// marked dirty, and one assessor works on a store at a time, so two events of one product never decide its alert at once.
/// </summary>
public sealed class StockAdvisor(StockDb db, IPublishEndpoint publish, TimeProvider clock)
{
    /// <summary>
    /// Products whose events share one outbox: a round of a thousand products (three events each) was delivered in
    /// sequence, half a second after its commit, when it was a single outbox.
    /// </summary>
    const int ProductsPerOutbox = 50;

    Guid Tenant => db.Tenant.TenantId;

    /// <summary>Re-assesses the products and publishes what changed; returns how many changed.</summary>
    public async Task<int> AssessAsync(IReadOnlyList<DirtyProduct> products, CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var now = clock.GetUtcNow();
        var evaluated = await EvaluateAsync(settings, now, [.. products.Select(p => p.ProductId)], ct);
        var changed = evaluated.Where(e => e.Stored != e.Current).ToList();
        if (changed.Count == 0)
            return 0;
        var correlations = products.ToDictionary(p => p.ProductId, p => p.CorrelationId);
        await SaveAsync(changed, now, ct);
        var alerts = await OpenAlertsAsync([.. changed.Select(e => e.Row.ProductId)], ct);
        var decisions = new List<AlertChange>();
        var published = 0;
        foreach (var e in changed)
        {
            var (row, a) = (e.Row, e.Assessment);
            var correlationId = correlations[row.ProductId];
            await publish.Publish(new StockInsightUpdated(Tenant, NewId.NextGuid(), now, correlationId, row.ProductId, a.OnHand, a.Reserved, a.Available,
                Round4(a.Demand.Average), Round4(a.Demand.StandardDeviation), Round4(a.Demand.Forecast), a.SafetyStock, a.ReorderPoint, a.MaximumStock,
                a.DaysToStockOut, a.Risk, row.AbcClass, a.LeadTimeDays), ct);
            if (DecideAlert(row, a, alerts.GetValueOrDefault(row.ProductId), now, correlationId) is { } alert)
            {
                decisions.Add(alert.Row);
                await publish.Publish(alert.Message, alert.Message.GetType(), ct);
            }
            if (e.Stored?.SuggestionQuantity != e.Current.SuggestionQuantity || e.Stored?.SuggestionPriority != e.Current.SuggestionPriority)
            {
                if (e.Current.SuggestionPriority is { } priority)
                    await publish.Publish(new ReplenishmentSuggested(Tenant, NewId.NextGuid(), now, correlationId, row.ProductId, a.SuggestedQuantity,
                        a.MaximumStock, priority, row.AbcClass, a.SuggestionExplanation(row.Unit), row.SupplierId), ct);
                else if (e.Stored?.SuggestionQuantity is not null)
                    await publish.Publish(new ReplenishmentWithdrawn(Tenant, NewId.NextGuid(), now, correlationId, row.ProductId), ct);
            }
            // Every chunk of products its own outbox (a save starts a new one): the delivery service sends an outbox's
            // messages one after another, and outboxes in parallel. A product's events stay in one outbox, in order.
            if (++published % ProductsPerOutbox == 0)
                await db.SaveChangesAsync(ct);
        }
        await SaveAlertsAsync(decisions, now, ct);
        return changed.Count;
    }

    /// <summary>The store's products whose figures, computed now from the facts, differ from the ones last published.</summary>
    public async Task<IReadOnlyList<Guid>> ChangedProductsAsync(CancellationToken ct) =>
        [.. (await EvaluateAsync(await SettingsAsync(ct), clock.GetUtcNow(), null, ct)).Where(e => e.Stored != e.Current).Select(e => e.Row.ProductId)];

    /// <summary>The given products (null: all of the store's) with their figures computed now and the ones stored.</summary>
    async Task<List<Evaluation>> EvaluateAsync(StockParameters settings, DateTimeOffset now, Guid[]? productIds, CancellationToken ct)
    {
        var all = productIds is null;
        var ids = productIds ?? [];
        var (first, today) = settings.Window(now);
        var rows = await db.Database.SqlQuery<ProductRow>($"""
            SELECT p.product_id AS "ProductId", p.name AS "Name", p.unit AS "Unit", p.lead_time_days AS "LeadTimeDays", p.safety_percent AS "SafetyPercent",
                   coalesce(l.on_hand, 0) AS "OnHand", coalesce(r.reserved, 0) AS "Reserved", coalesce(c.class, 'C') AS "AbcClass",
                   b.supplier_id AS "SupplierId", b.minimum_quantity AS "SupplierMinimum",
                   a.on_hand AS "StoredOnHand", a.reserved AS "StoredReserved", a.average_daily AS "StoredAverage", a.deviation_daily AS "StoredDeviation",
                   a.forecast_daily AS "StoredForecast", a.reorder_point AS "StoredReorderPoint", a.maximum_stock AS "StoredMaximum",
                   a.days_to_stockout AS "StoredDays", a.risk AS "StoredRisk", a.lead_time_days AS "StoredLeadTime",
                   a.suggestion_quantity AS "StoredSuggestion", a.suggestion_priority AS "StoredPriority", a.abc_class AS "StoredClass"
            FROM stock.products p
            LEFT JOIN stock.levels l ON l.tenant_id = p.tenant_id AND l.product_id = p.product_id
            LEFT JOIN (SELECT product_id, sum(quantity) AS reserved FROM stock.reservations
                       WHERE tenant_id = {Tenant} AND ({all} OR product_id = ANY({ids})) GROUP BY product_id) r ON r.product_id = p.product_id
            LEFT JOIN stock.abc c ON c.tenant_id = p.tenant_id AND c.product_id = p.product_id
            LEFT JOIN stock.best_suppliers b ON b.tenant_id = p.tenant_id AND b.product_id = p.product_id
            LEFT JOIN stock.assessments a ON a.tenant_id = p.tenant_id AND a.product_id = p.product_id
            WHERE p.tenant_id = {Tenant} AND ({all} OR p.product_id = ANY({ids}))
            """).ToListAsync(ct);
        var sums = await DemandSumsAsync(first, today, Demand.SmoothingWeights(StockParameters.WindowDays, settings.SmoothingAlpha), all, ids, ct);
        var noSales = new DemandSums(StockParameters.WindowDays, 0, 0, 0);
        var evaluations = new List<Evaluation>(rows.Count);
        foreach (var row in rows)
        {
            var parameters = settings.For(row.LeadTimeDays, row.SafetyPercent);
            var a = Assessment.Of(row.OnHand, row.Reserved, Demand.Of(sums.GetValueOrDefault(row.ProductId) ?? noSales), parameters) with { SupplierMinimum = row.SupplierMinimum };
            var priority = a.NeedsReplenishment ? Assessment.Priority(row.AbcClass) : null;
            evaluations.Add(new Evaluation(row, a, row.Stored(), AssessmentRow.Of(a, priority, row.AbcClass)));
        }
        return evaluations;
    }

    /// <summary>
    /// The window's demand sums per product (<see cref="Demand.Of(DemandSums)"/>), added up by PostgreSQL: one row per
    /// product instead of one per product and day with sales (89 per product in the benchmark's store), which took the
    /// steady recomputation from 1.30–1.60× to 0.80–1.24× of its baseline (<c>./basec bench engines</c>). Days without
    /// sales add nothing to any sum; the weights are the smoothing's, oldest day first.
    /// Read with Npgsql in the current transaction (where the tenant is set) rather than EF's <c>SqlQuery</c>, which
    /// made the steady recomputation 1.43–2.13× its baseline instead of 2.17–2.22× (<c>./basec bench engines</c>).
    /// </summary>
    async Task<Dictionary<Guid, DemandSums>> DemandSumsAsync(DateOnly first, DateOnly today, decimal[] weights, bool all, Guid[] ids, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("Stock assessments run in a transaction: the tenant of row-level security is set there.");
        await using var cmd = new NpgsqlCommand($"""
            SELECT product_id, sum(quantity), sum(quantity * quantity), round(sum(quantity * ($6::numeric[])[day - $2 + 1]), {Demand.ForecastScale})
            FROM stock.daily_sales
            WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 AND ($4 OR product_id = ANY($5))
            GROUP BY product_id
            """, transaction.Connection, transaction);
        cmd.Parameters.Add(new NpgsqlParameter { Value = Tenant });
        cmd.Parameters.Add(new NpgsqlParameter { Value = first });
        cmd.Parameters.Add(new NpgsqlParameter { Value = today });
        cmd.Parameters.Add(new NpgsqlParameter { Value = all });
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        cmd.Parameters.Add(new NpgsqlParameter { Value = weights });
        var sums = new Dictionary<Guid, DemandSums>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            sums[reader.GetGuid(0)] = new DemandSums(weights.Length, reader.GetDecimal(1), reader.GetDecimal(2), reader.GetDecimal(3));
        return sums;
    }

    async Task<Dictionary<Guid, AlertRow>> OpenAlertsAsync(Guid[] productIds, CancellationToken ct) =>
        await db.Database.SqlQuery<AlertRow>($"""
            SELECT id AS "Id", product_id AS "ProductId", status AS "Status", risk AS "Risk", available AS "Available", reorder_point AS "ReorderPoint",
                   days_to_stockout AS "DaysToStockOut"
            FROM stock.alerts WHERE tenant_id = {Tenant} AND product_id = ANY({productIds}) AND status <> 'resolvido'
            """).ToDictionaryAsync(a => a.ProductId, ct);

    /// <summary>
    /// The alert change an assessment implies for the product's one open alert (raise, update or resolve) and the event
    /// that announces it; null when the alert stays as it is. The batch's changes are written together by
    /// <see cref="SaveAlertsAsync"/>.
    /// </summary>
    (AlertChange Row, object Message)? DecideAlert(ProductRow product, Assessment assessment, AlertRow? open, DateTimeOffset now, Guid correlationId)
    {
        if (!assessment.NeedsReplenishment)
        {
            if (open is null)
                return null;
            var reason = assessment.Demand.Average > 0
                ? "Estoque disponível voltou ao ponto de pedido ou acima."
                : "Sem vendas nos últimos 90 dias: não há ruptura a prever.";
            return (new AlertChange(AlertChange.Resolve, open.Id, product.ProductId, "resolvido", open.Risk, open.Available, open.ReorderPoint, open.DaysToStockOut),
                new StockAlertResolved(Tenant, NewId.NextGuid(), now, correlationId, open.Id, product.ProductId, assessment.Available,
                    assessment.ReorderPoint, reason));
        }

        var id = open?.Id ?? NewId.NextGuid();
        // An acknowledged alert becomes active again only when its risk gets worse; its figures still follow the facts,
        // and every change is published (the vertical keeps the acknowledgement by the same rule).
        var worse = open is not null && Severity(assessment.Risk) > Severity(open.Risk);
        var status = open is null || worse ? "ativo" : open.Status;
        var changed = open is null || open.Risk != assessment.Risk || open.Available != assessment.Available
            || open.ReorderPoint != assessment.ReorderPoint || open.DaysToStockOut != assessment.DaysToStockOut;
        if (!changed)
            return null;
        return (new AlertChange(open is null ? AlertChange.Raise : AlertChange.Update, id, product.ProductId, status, assessment.Risk, assessment.Available,
                assessment.ReorderPoint, assessment.DaysToStockOut),
            new StockAlertRaised(Tenant, NewId.NextGuid(), now, correlationId, id, product.ProductId, product.Name, assessment.Risk,
                assessment.OnHand, assessment.Available, assessment.ReorderPoint, Round4(assessment.Demand.Average), assessment.DaysToStockOut,
                assessment.AlertExplanation()));
    }

    /// <summary>A batch's alert changes in at most three statements (resolved, raised, updated), whatever their number.</summary>
    async Task SaveAlertsAsync(IReadOnlyList<AlertChange> changes, DateTimeOffset now, CancellationToken ct)
    {
        Guid[] resolved = [.. changes.Where(c => c.Kind == AlertChange.Resolve).Select(c => c.Id)];
        if (resolved.Length > 0)
            await db.Database.ExecuteSqlAsync($"""
                UPDATE stock.alerts SET status = 'resolvido', resolved_at = {now} WHERE tenant_id = {Tenant} AND id = ANY({resolved})
                """, ct);
        foreach (var kind in new[] { AlertChange.Raise, AlertChange.Update })
        {
            var rows = changes.Where(c => c.Kind == kind).ToList();
            if (rows.Count == 0)
                continue;
            Guid[] ids = [.. rows.Select(r => r.Id)], products = [.. rows.Select(r => r.ProductId)];
            string[] statuses = [.. rows.Select(r => r.Status)], risks = [.. rows.Select(r => r.Risk)];
            decimal[] available = [.. rows.Select(r => r.Available)], reorder = [.. rows.Select(r => r.ReorderPoint)];
            int?[] days = [.. rows.Select(r => r.DaysToStockOut)];
            if (kind == AlertChange.Raise)
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO stock.alerts (id, tenant_id, product_id, status, risk, available, reorder_point, days_to_stockout, raised_at)
                    SELECT u.id, {Tenant}, u.product_id, 'ativo', u.risk, u.available, u.reorder_point, u.days, {now}
                    FROM unnest({ids}, {products}, {risks}, {available}, {reorder}, {days}) AS u(id, product_id, risk, available, reorder_point, days)
                    """, ct);
            else
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE stock.alerts a SET status = u.status, risk = u.risk, available = u.available, reorder_point = u.reorder_point,
                           days_to_stockout = u.days, acknowledged_at = CASE WHEN u.status = 'ativo' THEN NULL ELSE a.acknowledged_at END
                    FROM unnest({ids}, {statuses}, {risks}, {available}, {reorder}, {days}) AS u(id, status, risk, available, reorder_point, days)
                    WHERE a.tenant_id = {Tenant} AND a.id = u.id
                    """, ct);
        }
    }

    /// <summary>Marks the product's open alert acknowledged (it still resolves by itself).</summary>
    public Task AcknowledgeAsync(Guid alertId, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE stock.alerts SET status = 'reconhecido', acknowledged_at = {at} WHERE tenant_id = {Tenant} AND id = {alertId} AND status = 'ativo'
            """, ct);

    static int Severity(string risk) => risk switch { Assessment.High => 3, Assessment.Medium => 2, _ => 1 };

    Task<StockParameters> SettingsAsync(CancellationToken ct) => StockParameters.OfStoreAsync(db, ct);

    /// <summary>The changed figures in one statement (arrays unnested), not one round trip per product.</summary>
    Task SaveAsync(IReadOnlyList<Evaluation> changed, DateTimeOffset now, CancellationToken ct)
    {
        Guid[] products = [.. changed.Select(e => e.Row.ProductId)];
        decimal[] onHand = [.. changed.Select(e => e.Assessment.OnHand)], reserved = [.. changed.Select(e => e.Assessment.Reserved)],
            available = [.. changed.Select(e => e.Assessment.Available)], average = [.. changed.Select(e => e.Current.AverageDaily)],
            deviation = [.. changed.Select(e => e.Current.DeviationDaily)], forecast = [.. changed.Select(e => e.Current.ForecastDaily)],
            safety = [.. changed.Select(e => e.Assessment.SafetyStock)], reorder = [.. changed.Select(e => e.Assessment.ReorderPoint)],
            maximum = [.. changed.Select(e => e.Assessment.MaximumStock)];
        int?[] days = [.. changed.Select(e => e.Assessment.DaysToStockOut)];
        int[] lead = [.. changed.Select(e => e.Assessment.LeadTimeDays)];
        decimal?[] suggestion = [.. changed.Select(e => e.Current.SuggestionQuantity)];
        string[] risk = [.. changed.Select(e => e.Assessment.Risk)], abc = [.. changed.Select(e => e.Current.AbcClass)];
        string?[] priority = [.. changed.Select(e => e.Current.SuggestionPriority)];
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.assessments (tenant_id, product_id, on_hand, reserved, available, average_daily, deviation_daily, forecast_daily,
                safety_stock, reorder_point, maximum_stock, days_to_stockout, risk, lead_time_days, suggestion_quantity, suggestion_priority, abc_class, computed_at)
            SELECT {Tenant}, u.*, {now}
            FROM unnest({products}, {onHand}, {reserved}, {available}, {average}, {deviation}, {forecast}, {safety}, {reorder}, {maximum}, {days}, {risk},
                        {lead}, {suggestion}, {priority}, {abc}) AS u
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, available = EXCLUDED.available,
                average_daily = EXCLUDED.average_daily, deviation_daily = EXCLUDED.deviation_daily, forecast_daily = EXCLUDED.forecast_daily,
                safety_stock = EXCLUDED.safety_stock, reorder_point = EXCLUDED.reorder_point, maximum_stock = EXCLUDED.maximum_stock,
                days_to_stockout = EXCLUDED.days_to_stockout, risk = EXCLUDED.risk, lead_time_days = EXCLUDED.lead_time_days,
                suggestion_quantity = EXCLUDED.suggestion_quantity, suggestion_priority = EXCLUDED.suggestion_priority, abc_class = EXCLUDED.abc_class,
                computed_at = EXCLUDED.computed_at
            """, ct);
    }

    static decimal Round4(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    sealed record Evaluation(ProductRow Row, Assessment Assessment, AssessmentRow? Stored, AssessmentRow Current);

    sealed record AlertChange(string Kind, Guid Id, Guid ProductId, string Status, string Risk, decimal Available, decimal ReorderPoint, int? DaysToStockOut)
    {
        public const string Raise = "raise", Update = "update", Resolve = "resolve";
    }

    sealed record AlertRow(Guid Id, Guid ProductId, string Status, string Risk, decimal Available, decimal ReorderPoint, int? DaysToStockOut);

    sealed record ProductRow(Guid ProductId, string Name, string Unit, int? LeadTimeDays, decimal? SafetyPercent, decimal OnHand, decimal Reserved,
        string AbcClass, Guid? SupplierId, decimal? SupplierMinimum,
        decimal? StoredOnHand, decimal? StoredReserved, decimal? StoredAverage, decimal? StoredDeviation, decimal? StoredForecast, decimal? StoredReorderPoint,
        decimal? StoredMaximum, int? StoredDays, string? StoredRisk, int? StoredLeadTime, decimal? StoredSuggestion, string? StoredPriority, string? StoredClass)
    {
        public AssessmentRow? Stored() => StoredRisk is null ? null : new AssessmentRow(StoredOnHand!.Value, StoredReserved!.Value, StoredAverage!.Value,
            StoredDeviation!.Value, StoredForecast!.Value, StoredReorderPoint!.Value, StoredMaximum!.Value, StoredDays, StoredRisk, StoredLeadTime!.Value,
            StoredSuggestion, StoredPriority, StoredClass!);
    }

    /// <summary>The stored figures, compared with the new ones to publish only what changed.</summary>
    sealed record AssessmentRow(decimal OnHand, decimal Reserved, decimal AverageDaily, decimal DeviationDaily, decimal ForecastDaily,
        decimal ReorderPoint, decimal MaximumStock, int? DaysToStockOut, string Risk, int LeadTimeDays, decimal? SuggestionQuantity,
        string? SuggestionPriority, string AbcClass)
    {
        public static AssessmentRow Of(Assessment a, string? priority, string abcClass) => new(a.OnHand, a.Reserved, Round4(a.Demand.Average),
            Round4(a.Demand.StandardDeviation), Round4(a.Demand.Forecast), a.ReorderPoint, a.MaximumStock, a.DaysToStockOut, a.Risk, a.LeadTimeDays,
            priority is null ? null : a.SuggestedQuantity, priority, abcClass);
    }
}
