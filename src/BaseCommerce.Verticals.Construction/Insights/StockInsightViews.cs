using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>A stock-out alert as the store sees it (<c>construction.insight_alertas_estoque</c>), projected from the Stock engine's events.</summary>
public sealed class StockAlertView : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public string ProductName { get; set; } = "";
    public string Status { get; set; } = "";
    public string Risk { get; set; } = "";
    public short RiskRank { get; set; }
    public decimal OnHand { get; set; }
    public decimal Available { get; set; }
    public decimal ReorderPoint { get; set; }
    public decimal AverageDaily { get; set; }
    public int? DaysToStockout { get; set; }
    public string Explanation { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedReason { get; set; }
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>A product's current purchase suggestion (<c>construction.insight_reposicao</c>); withdrawn ones are kept, flagged.</summary>
public sealed class ReplenishmentView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Quantity { get; set; }
    public decimal MaximumStock { get; set; }
    public string Priority { get; set; } = "";
    public short PriorityRank { get; set; }
    public string AbcClass { get; set; } = "";
    public string Explanation { get; set; } = "";
    public bool Withdrawn { get; set; }
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>What the Stock engine derives for one product (<c>construction.insight_produtos_estoque</c>).</summary>
public sealed class ProductStockView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public decimal OnHand { get; set; }
    public decimal Reserved { get; set; }
    public decimal Available { get; set; }
    public decimal AverageDaily { get; set; }
    public decimal DeviationDaily { get; set; }
    public decimal ForecastDaily { get; set; }
    public decimal SafetyStock { get; set; }
    public decimal ReorderPoint { get; set; }
    public decimal MaximumStock { get; set; }
    public int? DaysToStockout { get; set; }
    public string Risk { get; set; } = "";
    public string AbcClass { get; set; } = "";
    public int LeadTimeDays { get; set; }
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>A product's ABC class with its 90-day revenue and cumulative share (<c>construction.insight_abc</c>).</summary>
public sealed class AbcView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public string Class { get; set; } = "";
    public decimal Revenue { get; set; }
    public decimal CumulativeShare { get; set; }
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>The wire values the engine uses, and their order for sorting.</summary>
public static class InsightRanks
{
    public static short Risk(string risk) => risk switch { "alto" => 3, "medio" => 2, _ => 1 };
    public static short Priority(string priority) => priority switch { "alta" => 3, "media" => 2, _ => 1 };
}
