namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>A store's stock parameters (its settings row, or these defaults), with a product's own lead time and safety margin over them.</summary>
public sealed record StockParameters(decimal ServiceLevel = 0.95m, decimal SmoothingAlpha = 0.3m, int LeadTimeDays = 7, decimal SafetyPercent = 20m,
    int CoverageDays = 30, string TimeZone = "America/Sao_Paulo")
{
    /// <summary>The window demand is measured over.</summary>
    public const int WindowDays = 90;

    public StockParameters For(int? productLeadTime, decimal? productSafety) =>
        this with { LeadTimeDays = productLeadTime ?? LeadTimeDays, SafetyPercent = productSafety ?? SafetyPercent };
}
