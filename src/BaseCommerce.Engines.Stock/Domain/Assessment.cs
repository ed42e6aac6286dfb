using System.Globalization;

namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>
/// What the engine derives for one product from its demand and stock: safety stock, reorder point, maximum, days to
/// stock-out, risk, and whether to alert and buy. Pure: the same inputs give the same figures.
/// </summary>
public sealed record Assessment(
    decimal OnHand, decimal Reserved, decimal Available, Demand Demand, int LeadTimeDays,
    decimal SafetyStock, decimal ReorderPoint, decimal MaximumStock, int? DaysToStockOut, string Risk)
{
    public const string High = "alto";
    public const string Medium = "medio";
    public const string Low = "baixo";

    /// <summary>Under the reorder point with demand to cover: an alert is open and a purchase suggested.</summary>
    public bool NeedsReplenishment => Demand.Average > 0 && Available < ReorderPoint;

    /// <summary>The supplier's minimum quantity (its pack), when the Pricing engine named a best supplier.</summary>
    public decimal? SupplierMinimum { get; init; }

    /// <summary>Buy up to the maximum, in whole units (nobody orders 12.35 sacks), rounded up to a multiple of the supplier's minimum.</summary>
    public decimal SuggestedQuantity => NeedsReplenishment ? RoundToPack(Math.Max(Math.Ceiling(MaximumStock - Available), 1), SupplierMinimum) : 0;

    public static decimal RoundToPack(decimal quantity, decimal? pack) =>
        pack is { } p && p > 0 ? Math.Ceiling(quantity / p) * p : quantity;

    public static Assessment Of(decimal onHand, decimal reserved, Demand demand, StockParameters parameters)
    {
        var available = onHand - reserved;
        var lead = parameters.LeadTimeDays;
        var margin = parameters.SafetyPercent / 100m;
        // Two safety stocks, and the larger counts: the statistical z·σ·√L, and the original's rule avg × L × safety%,
        // which keeps a floor when demand is too regular (σ ≈ 0) for the statistical one to hold anything.
        var z = (decimal)Normal.Quantile((double)parameters.ServiceLevel);
        var statistical = z * demand.StandardDeviation * (decimal)Math.Sqrt(lead);
        var rule = demand.Average * lead * margin;
        var safety = Round(Math.Max(statistical, rule));
        var reorderPoint = Round(demand.Average * lead + safety);
        var maximum = Round(Math.Max(demand.Average * (lead + parameters.CoverageDays) * (1 + margin), reorderPoint));
        int? days = demand.Average > 0 ? (int)Math.Floor(Math.Max(available, 0) / demand.Average) : null;
        var risk = days switch { <= 7 => High, <= 14 => Medium, _ => Low };
        return new Assessment(onHand, reserved, available, demand, lead, safety, reorderPoint, maximum, days, risk);
    }

    public static string Priority(string abcClass) => abcClass switch { "A" => "alta", "B" => "media", _ => "baixa" };

    public string AlertExplanation() =>
        $"Estoque disponível: {Number(Available)}, média de vendas: {Number(Demand.Average)}/dia, lead time: {LeadTimeDays} dias, " +
        $"ponto de pedido: {Number(ReorderPoint)}. " + (DaysToStockOut is { } d ? $"Ruptura estimada em {d} dias." : "Sem vendas para estimar a ruptura.");

    public string SuggestionExplanation(string unit) =>
        $"Vende {Number(Demand.Average)} {unit}/dia, lead time {LeadTimeDays} dias. " +
        $"Sugestão: comprar {Number(SuggestedQuantity)} {unit} para estoque máximo de {Number(MaximumStock)}.";

    static decimal Round(decimal value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    static string Number(decimal value) => value.ToString("0.##", CultureInfo.GetCultureInfo("pt-BR"));
}
