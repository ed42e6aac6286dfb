using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// Re-derives a product from the facts (<see cref="Assessment"/>) and publishes what changed: its figures
/// (<see cref="StockInsightUpdated"/>), its alert raised, updated or resolved, and its purchase suggestion. Runs in the
/// consumer's transaction under a per-product lock, so two events of one product never decide its alert at once.
/// </summary>
public sealed class StockAdvisor(StockDb db, IPublishEndpoint publish, TimeProvider clock)
{
    Guid Tenant => db.Tenant.TenantId;

    public async Task AssessAsync(Guid productId, Guid correlationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Tenant.ToString() + productId}, 0))", ct);
        var product = await db.Database.SqlQuery<ProductRow>($"""
            SELECT name AS "Name", unit AS "Unit", lead_time_days AS "LeadTimeDays", safety_percent AS "SafetyPercent"
            FROM stock.products WHERE tenant_id = {Tenant} AND product_id = {productId}
            """).SingleOrDefaultAsync(ct);
        if (product is null)
            return; // facts are kept; the product is assessed when its ProductRegistered arrives
        var parameters = (await SettingsAsync(ct)).For(product.LeadTimeDays, product.SafetyPercent);
        var now = clock.GetUtcNow();
        var figures = await db.Database.SqlQuery<LevelRow>($"""
            SELECT coalesce((SELECT on_hand FROM stock.levels WHERE tenant_id = {Tenant} AND product_id = {productId}), 0) AS "OnHand",
                   coalesce((SELECT sum(quantity) FROM stock.reservations WHERE tenant_id = {Tenant} AND product_id = {productId}), 0) AS "Reserved",
                   coalesce((SELECT class FROM stock.abc WHERE tenant_id = {Tenant} AND product_id = {productId}), 'C') AS "AbcClass",
                   (SELECT supplier_id FROM stock.best_suppliers WHERE tenant_id = {Tenant} AND product_id = {productId}) AS "SupplierId",
                   (SELECT minimum_quantity FROM stock.best_suppliers WHERE tenant_id = {Tenant} AND product_id = {productId}) AS "SupplierMinimum"
            """).SingleAsync(ct);
        var demand = Demand.Of(await DailyDemandAsync(productId, parameters.TimeZone, now, ct), parameters.SmoothingAlpha);
        var assessment = Assessment.Of(figures.OnHand, figures.Reserved, demand, parameters) with { SupplierMinimum = figures.SupplierMinimum };
        var priority = assessment.NeedsReplenishment ? Assessment.Priority(figures.AbcClass) : null;

        var previous = await db.Database.SqlQuery<AssessmentRow>($"""
            SELECT on_hand AS "OnHand", reserved AS "Reserved", average_daily AS "AverageDaily", deviation_daily AS "DeviationDaily",
                   forecast_daily AS "ForecastDaily", reorder_point AS "ReorderPoint", maximum_stock AS "MaximumStock",
                   days_to_stockout AS "DaysToStockOut", risk AS "Risk", lead_time_days AS "LeadTimeDays",
                   suggestion_quantity AS "SuggestionQuantity", suggestion_priority AS "SuggestionPriority", abc_class AS "AbcClass"
            FROM stock.assessments WHERE tenant_id = {Tenant} AND product_id = {productId}
            """).SingleOrDefaultAsync(ct);
        var current = AssessmentRow.Of(assessment, priority, figures.AbcClass);
        if (previous == current)
            return;

        await SaveAsync(productId, assessment, priority, figures.AbcClass, now, ct);
        await publish.Publish(new StockInsightUpdated(Tenant, NewId.NextGuid(), now, correlationId, productId, assessment.OnHand, assessment.Reserved,
            assessment.Available, Round4(demand.Average), Round4(demand.StandardDeviation), Round4(demand.Forecast), assessment.SafetyStock,
            assessment.ReorderPoint, assessment.MaximumStock, assessment.DaysToStockOut, assessment.Risk, figures.AbcClass, assessment.LeadTimeDays), ct);
        await DecideAlertAsync(productId, product, assessment, now, correlationId, ct);
        if (previous?.SuggestionQuantity != current.SuggestionQuantity || previous?.SuggestionPriority != current.SuggestionPriority)
        {
            if (priority is not null)
                await publish.Publish(new ReplenishmentSuggested(Tenant, NewId.NextGuid(), now, correlationId, productId, assessment.SuggestedQuantity,
                    assessment.MaximumStock, priority, figures.AbcClass, assessment.SuggestionExplanation(product.Unit), figures.SupplierId), ct);
            else if (previous?.SuggestionQuantity is not null)
                await publish.Publish(new ReplenishmentWithdrawn(Tenant, NewId.NextGuid(), now, correlationId, productId), ct);
        }
    }

    /// <summary>
    /// The store's products whose figures, computed now from the facts, differ from the ones last published: three
    /// set-based reads (products with their levels, reservations, classes and stored figures; every product's daily demand
    /// of the window) and the formulas in memory. Only those are then re-assessed one by one, under their locks.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ChangedProductsAsync(CancellationToken ct)
    {
        var settings = await SettingsAsync(ct);
        var now = clock.GetUtcNow();
        var (first, since) = Window(settings.TimeZone, now);
        var rows = await db.Database.SqlQuery<StoreRow>($"""
            SELECT p.product_id AS "ProductId", p.lead_time_days AS "LeadTimeDays", p.safety_percent AS "SafetyPercent",
                   coalesce(l.on_hand, 0) AS "OnHand", coalesce(r.reserved, 0) AS "Reserved", coalesce(c.class, 'C') AS "AbcClass",
                   b.minimum_quantity AS "SupplierMinimum",
                   a.on_hand AS "StoredOnHand", a.reserved AS "StoredReserved", a.average_daily AS "StoredAverage", a.deviation_daily AS "StoredDeviation",
                   a.forecast_daily AS "StoredForecast", a.reorder_point AS "StoredReorderPoint", a.maximum_stock AS "StoredMaximum",
                   a.days_to_stockout AS "StoredDays", a.risk AS "StoredRisk", a.lead_time_days AS "StoredLeadTime",
                   a.suggestion_quantity AS "StoredSuggestion", a.suggestion_priority AS "StoredPriority", a.abc_class AS "StoredClass"
            FROM stock.products p
            LEFT JOIN stock.levels l ON l.tenant_id = p.tenant_id AND l.product_id = p.product_id
            LEFT JOIN (SELECT product_id, sum(quantity) AS reserved FROM stock.reservations WHERE tenant_id = {Tenant} GROUP BY product_id) r ON r.product_id = p.product_id
            LEFT JOIN stock.abc c ON c.tenant_id = p.tenant_id AND c.product_id = p.product_id
            LEFT JOIN stock.best_suppliers b ON b.tenant_id = p.tenant_id AND b.product_id = p.product_id
            LEFT JOIN stock.assessments a ON a.tenant_id = p.tenant_id AND a.product_id = p.product_id
            WHERE p.tenant_id = {Tenant}
            """).ToListAsync(ct);
        var demand = (await db.Database.SqlQuery<ProductDayRow>($"""
            SELECT product_id AS "ProductId", (sold_at AT TIME ZONE {settings.TimeZone})::date AS "Day", sum(quantity) AS "Quantity"
            FROM stock.sales WHERE tenant_id = {Tenant} AND sold_at >= {since} AND sold_at <= {now}
            GROUP BY 1, 2
            """).ToListAsync(ct)).ToLookup(d => d.ProductId);
        var changed = new List<Guid>();
        foreach (var row in rows)
        {
            var days = demand[row.ProductId].ToDictionary(d => d.Day, d => d.Quantity);
            var series = Enumerable.Range(0, StockParameters.WindowDays).Select(i => days.GetValueOrDefault(first.AddDays(i))).ToList();
            var parameters = settings.For(row.LeadTimeDays, row.SafetyPercent);
            var a = Assessment.Of(row.OnHand, row.Reserved, Demand.Of(series, parameters.SmoothingAlpha), parameters) with { SupplierMinimum = row.SupplierMinimum };
            var priority = a.NeedsReplenishment ? Assessment.Priority(row.AbcClass) : null;
            var stored = row.StoredRisk is null ? null : new AssessmentRow(row.StoredOnHand!.Value, row.StoredReserved!.Value, row.StoredAverage!.Value,
                row.StoredDeviation!.Value, row.StoredForecast!.Value, row.StoredReorderPoint!.Value, row.StoredMaximum!.Value, row.StoredDays, row.StoredRisk,
                row.StoredLeadTime!.Value, row.StoredSuggestion, row.StoredPriority, row.StoredClass!);
            if (stored != AssessmentRow.Of(a, priority, row.AbcClass))
                changed.Add(row.ProductId);
        }
        return changed;
    }

    async Task DecideAlertAsync(Guid productId, ProductRow product, Assessment assessment, DateTimeOffset now, Guid correlationId, CancellationToken ct)
    {
        var open = await db.Database.SqlQuery<AlertRow>($"""
            SELECT id AS "Id", status AS "Status", risk AS "Risk", available AS "Available", reorder_point AS "ReorderPoint",
                   days_to_stockout AS "DaysToStockOut"
            FROM stock.alerts WHERE tenant_id = {Tenant} AND product_id = {productId} AND status <> 'resolvido'
            """).SingleOrDefaultAsync(ct);
        if (!assessment.NeedsReplenishment)
        {
            if (open is null)
                return;
            await db.Database.ExecuteSqlAsync($"UPDATE stock.alerts SET status = 'resolvido', resolved_at = {now} WHERE id = {open.Id}", ct);
            var reason = assessment.Demand.Average > 0
                ? "Estoque disponível voltou ao ponto de pedido ou acima."
                : "Sem vendas nos últimos 90 dias: não há ruptura a prever.";
            await publish.Publish(new StockAlertResolved(Tenant, NewId.NextGuid(), now, correlationId, open.Id, productId, assessment.Available,
                assessment.ReorderPoint, reason), ct);
            return;
        }

        var id = open?.Id ?? NewId.NextGuid();
        // An acknowledged alert becomes active again only when its risk gets worse; its figures still follow the facts,
        // and every change is published (the vertical keeps the acknowledgement by the same rule).
        var worse = open is not null && Severity(assessment.Risk) > Severity(open.Risk);
        var status = open is null || worse ? "ativo" : open.Status;
        var changed = open is null || open.Risk != assessment.Risk || open.Available != assessment.Available
            || open.ReorderPoint != assessment.ReorderPoint || open.DaysToStockOut != assessment.DaysToStockOut;
        if (!changed)
            return;
        if (open is null)
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO stock.alerts (id, tenant_id, product_id, status, risk, available, reorder_point, days_to_stockout, raised_at)
                VALUES ({id}, {Tenant}, {productId}, 'ativo', {assessment.Risk}, {assessment.Available}, {assessment.ReorderPoint},
                        {assessment.DaysToStockOut}, {now})
                """, ct);
        else
            await db.Database.ExecuteSqlAsync($"""
                UPDATE stock.alerts SET status = {status}, risk = {assessment.Risk}, available = {assessment.Available},
                       reorder_point = {assessment.ReorderPoint}, days_to_stockout = {assessment.DaysToStockOut},
                       acknowledged_at = CASE WHEN {status} = 'ativo' THEN NULL ELSE acknowledged_at END
                WHERE id = {id}
                """, ct);
        await publish.Publish(new StockAlertRaised(Tenant, NewId.NextGuid(), now, correlationId, id, productId, product.Name, assessment.Risk,
            assessment.OnHand, assessment.Available, assessment.ReorderPoint, Round4(assessment.Demand.Average), assessment.DaysToStockOut,
            assessment.AlertExplanation()), ct);
    }

    /// <summary>Keeps the Pricing engine's recommended supplier of a product (a newer event only), then re-assesses the product.</summary>
    public async Task BestSupplierAsync(Guid productId, Guid supplierId, decimal? minimum, DateTimeOffset at, Guid correlationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.best_suppliers (tenant_id, product_id, supplier_id, minimum_quantity, event_at) VALUES ({Tenant}, {productId}, {supplierId}, {minimum}, {at})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET supplier_id = EXCLUDED.supplier_id, minimum_quantity = EXCLUDED.minimum_quantity,
                event_at = EXCLUDED.event_at
            WHERE best_suppliers.event_at <= EXCLUDED.event_at
            """, ct);
        await AssessAsync(productId, correlationId, ct);
    }

    /// <summary>Marks the product's open alert acknowledged (it still resolves by itself).</summary>
    public Task AcknowledgeAsync(Guid alertId, DateTimeOffset at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE stock.alerts SET status = 'reconhecido', acknowledged_at = {at} WHERE tenant_id = {Tenant} AND id = {alertId} AND status = 'ativo'
            """, ct);

    static int Severity(string risk) => risk switch { Assessment.High => 3, Assessment.Medium => 2, _ => 1 };

    async Task<StockParameters> SettingsAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<StockParameters>($"""
            SELECT service_level AS "ServiceLevel", smoothing_alpha AS "SmoothingAlpha", lead_time_days AS "LeadTimeDays",
                   safety_percent AS "SafetyPercent", coverage_days AS "CoverageDays", time_zone AS "TimeZone"
            FROM stock.settings WHERE tenant_id = {Tenant}
            """).SingleOrDefaultAsync(ct) ?? new StockParameters();

    /// <summary>The window's first day in the store's calendar, and the instant it starts (UTC: Npgsql writes timestamptz in UTC only).</summary>
    static (DateOnly First, DateTimeOffset Since) Window(string timeZone, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var first = today.AddDays(1 - StockParameters.WindowDays);
        return (first, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue))).ToUniversalTime());
    }

    /// <summary>The product's quantity sold per day of the store's calendar over the window ending today, oldest first.</summary>
    async Task<IReadOnlyList<decimal>> DailyDemandAsync(Guid productId, string timeZone, DateTimeOffset now, CancellationToken ct)
    {
        var (first, since) = Window(timeZone, now);
        var days = await db.Database.SqlQuery<DayRow>($"""
            SELECT (sold_at AT TIME ZONE {timeZone})::date AS "Day", sum(quantity) AS "Quantity"
            FROM stock.sales WHERE tenant_id = {Tenant} AND product_id = {productId} AND sold_at >= {since} AND sold_at <= {now}
            GROUP BY 1
            """).ToDictionaryAsync(d => d.Day, d => d.Quantity, ct);
        return [.. Enumerable.Range(0, StockParameters.WindowDays).Select(i => days.GetValueOrDefault(first.AddDays(i)))];
    }

    Task SaveAsync(Guid productId, Assessment a, string? priority, string abcClass, DateTimeOffset now, CancellationToken ct)
    {
        decimal? suggestion = priority is null ? null : a.SuggestedQuantity;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.assessments (tenant_id, product_id, on_hand, reserved, available, average_daily, deviation_daily, forecast_daily,
                safety_stock, reorder_point, maximum_stock, days_to_stockout, risk, lead_time_days, suggestion_quantity, suggestion_priority, abc_class, computed_at)
            VALUES ({Tenant}, {productId}, {a.OnHand}, {a.Reserved}, {a.Available}, {Round4(a.Demand.Average)}, {Round4(a.Demand.StandardDeviation)},
                {Round4(a.Demand.Forecast)}, {a.SafetyStock}, {a.ReorderPoint}, {a.MaximumStock}, {a.DaysToStockOut}, {a.Risk}, {a.LeadTimeDays},
                {suggestion}, {priority}, {abcClass}, {now})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved, available = EXCLUDED.available,
                average_daily = EXCLUDED.average_daily, deviation_daily = EXCLUDED.deviation_daily, forecast_daily = EXCLUDED.forecast_daily,
                safety_stock = EXCLUDED.safety_stock, reorder_point = EXCLUDED.reorder_point, maximum_stock = EXCLUDED.maximum_stock,
                days_to_stockout = EXCLUDED.days_to_stockout, risk = EXCLUDED.risk, lead_time_days = EXCLUDED.lead_time_days,
                suggestion_quantity = EXCLUDED.suggestion_quantity, suggestion_priority = EXCLUDED.suggestion_priority, abc_class = EXCLUDED.abc_class,
                computed_at = EXCLUDED.computed_at
            """, ct);
    }

    static decimal Round4(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    sealed record ProductRow(string Name, string Unit, int? LeadTimeDays, decimal? SafetyPercent);
    sealed record LevelRow(decimal OnHand, decimal Reserved, string AbcClass, Guid? SupplierId, decimal? SupplierMinimum);
    sealed record DayRow(DateOnly Day, decimal Quantity);
    sealed record ProductDayRow(Guid ProductId, DateOnly Day, decimal Quantity);
    sealed record StoreRow(Guid ProductId, int? LeadTimeDays, decimal? SafetyPercent, decimal OnHand, decimal Reserved, string AbcClass, decimal? SupplierMinimum,
        decimal? StoredOnHand, decimal? StoredReserved, decimal? StoredAverage, decimal? StoredDeviation, decimal? StoredForecast, decimal? StoredReorderPoint,
        decimal? StoredMaximum, int? StoredDays, string? StoredRisk, int? StoredLeadTime, decimal? StoredSuggestion, string? StoredPriority, string? StoredClass);
    sealed record AlertRow(Guid Id, string Status, string Risk, decimal Available, decimal ReorderPoint, int? DaysToStockOut);

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
