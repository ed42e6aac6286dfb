using BaseCommerce.Engines.Stock.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>A store's stock parameters (its settings row, or these defaults), with a product's own lead time and safety margin over them.</summary>
public sealed record StockParameters(decimal ServiceLevel = 0.95m, decimal SmoothingAlpha = 0.3m, int LeadTimeDays = 7, decimal SafetyPercent = 20m,
    int CoverageDays = 30, string TimeZone = StockParameters.DefaultTimeZone)
{
    public const string DefaultTimeZone = "America/Sao_Paulo";

    /// <summary>The window demand is measured over.</summary>
    public const int WindowDays = 90;

    /// <summary>The window's first day and today, in the store's calendar (daily sales are kept by that calendar's days).</summary>
    public (DateOnly First, DateOnly Today) Window(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);
        return (today.AddDays(1 - WindowDays), today);
    }

    public StockParameters For(int? productLeadTime, decimal? productSafety) =>
        this with { LeadTimeDays = productLeadTime ?? LeadTimeDays, SafetyPercent = productSafety ?? SafetyPercent };

    /// <summary>The store's row of <c>stock.settings</c>, or the defaults.</summary>
    public static async Task<StockParameters> OfStoreAsync(StockDb db, CancellationToken ct) =>
        await db.Database.SqlQuery<StockParameters>($"""
            SELECT service_level AS "ServiceLevel", smoothing_alpha AS "SmoothingAlpha", lead_time_days AS "LeadTimeDays",
                   safety_percent AS "SafetyPercent", coverage_days AS "CoverageDays", time_zone AS "TimeZone"
            FROM stock.settings WHERE tenant_id = {db.Tenant.TenantId}
            """).SingleOrDefaultAsync(ct) ?? new StockParameters();
}
