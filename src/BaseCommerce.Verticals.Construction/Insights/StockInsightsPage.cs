namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>What the store's pages show of the Stock engine's advice, read from the vertical's projection.</summary>
public static class StockInsightsQueries
{
    /// <summary>Open alerts, worst first (risk, then fewest days of stock).</summary>
    public static Task<List<StockAlertView>> OpenAlertsAsync(ConstructionDb db, int take, CancellationToken ct) =>
        db.StockAlerts.AsNoTracking().Where(a => a.Status != "resolvido")
            .OrderByDescending(a => a.RiskRank).ThenBy(a => a.DaysToStockout).ThenBy(a => a.ProductName).Take(take).ToListAsync(ct);
}
