using System.Globalization;
using BaseCommerce.Contracts;

namespace BaseCommerce.Engines.Pricing.Domain;

/// <summary>One registration of a supplier's price (the history the rules read).</summary>
public sealed record PricePoint(Guid SupplierId, decimal Price, decimal? MinimumQuantity, DateTimeOffset At);

/// <summary>The store's margins, in percent over cost.</summary>
public sealed record Margins(decimal Target = 30, decimal Minimum = 15, decimal Maximum = 50);

/// <summary>The Pricing engine's rules (the reference's section 2.4), pure: the same history gives the same answers.</summary>
public static class PricingRules
{
    public const int WindowDays = 90;
    public const decimal StabilityBandPercent = 5;
    public const decimal AlternativeBandPercent = 5;
    public const int MaxAlternatives = 3;
    public const decimal AlertThresholdPercent = 10;
    public const decimal TrendBandPercent = 2;

    /// <summary>Every supplier's current price (its latest registration), cheapest first, with stability and trend over the window.</summary>
    public static IReadOnlyList<SupplierQuote> Compare(IReadOnlyList<PricePoint> history, DateTimeOffset now)
    {
        var since = now.AddDays(-WindowDays);
        var current = history.GroupBy(p => p.SupplierId).Select(g => g.MaxBy(p => p.At)!).OrderBy(p => p.Price).ThenBy(p => p.SupplierId).ToList();
        if (current.Count == 0)
            return [];
        var cheapest = current[0].Price;
        return [.. current.Select(p =>
        {
            var window = history.Where(h => h.SupplierId == p.SupplierId && h.At > since).OrderBy(h => h.At).ToList();
            var average = window.Count == 0 ? p.Price : Math.Round(window.Average(h => h.Price), 2, MidpointRounding.AwayFromZero);
            var stable = Math.Abs(p.Price - average) * 100 < StabilityBandPercent * average;
            var (trend, monthly) = Trend(window);
            return new SupplierQuote(p.SupplierId, p.Price, p.MinimumQuantity, Percent(p.Price - cheapest, cheapest), average,
                stable ? "estavel" : "instavel", trend, monthly);
        })];
    }

    /// <summary>First against last price of the window: within 2% "estavel"; the monthly projection is the change per day × 30.</summary>
    public static (string Trend, decimal MonthlyPercent) Trend(IReadOnlyList<PricePoint> window)
    {
        if (window.Count < 2)
            return ("estavel", 0);
        var first = window[0];
        var last = window[^1];
        var change = Percent(last.Price - first.Price, first.Price);
        var days = Math.Max((decimal)(last.At - first.At).TotalDays, 1);
        var monthly = Math.Round(change / days * 30, 2, MidpointRounding.AwayFromZero);
        return (Math.Abs(change) < TrendBandPercent ? "estavel" : change > 0 ? "aumento" : "diminuicao", monthly);
    }

    /// <summary>The cheapest stable supplier, else the cheapest; alternatives: others within ±5% of it, at most 3, cheapest first.</summary>
    public static (SupplierQuote Best, IReadOnlyList<SupplierQuote> Alternatives)? Best(IReadOnlyList<SupplierQuote> quotes)
    {
        if (quotes.Count == 0)
            return null;
        var best = quotes.FirstOrDefault(q => q.Stability == "estavel") ?? quotes[0];
        var alternatives = quotes.Where(q => q.SupplierId != best.SupplierId && Math.Abs(q.Price - best.Price) * 100 <= AlternativeBandPercent * best.Price)
            .Take(MaxAlternatives).ToList();
        return (best, alternatives);
    }

    public static string BestExplanation(SupplierQuote best) =>
        $"R$ {Money(best.Price)}: " + (best.Stability == "estavel" ? "o mais barato e estável" : "o mais barato (nenhum fornecedor com preço estável)");

    /// <summary>A price alert when the change against the previous price of the same supplier and product is 10% or more.</summary>
    public static (decimal Percent, string Kind)? Alert(decimal previous, decimal price)
    {
        var change = Percent(price - previous, previous);
        return Math.Abs(change) >= AlertThresholdPercent ? (change, change > 0 ? "aumento" : "diminuicao") : null;
    }

    public static string AlertExplanation(decimal previous, decimal price, decimal percent) =>
        $"O preço do fornecedor {(percent > 0 ? "subiu" : "caiu")} {Math.Abs(percent).ToString("0.##", CultureInfo.GetCultureInfo("pt-BR"))}%: de R$ {Money(previous)} para R$ {Money(price)}.";

    /// <summary>Cost × (1 + target margin), the margin kept within [minimum, maximum]; the current margin and whether it is under the minimum.</summary>
    public static (decimal Suggested, decimal CurrentMargin, bool BelowMinimum) Suggest(decimal cost, decimal salePrice, Margins margins)
    {
        var margin = Math.Clamp(margins.Target, margins.Minimum, margins.Maximum);
        var suggested = Math.Round(cost * (1 + margin / 100), 2, MidpointRounding.AwayFromZero);
        var current = Percent(salePrice - cost, cost);
        return (suggested, current, current < margins.Minimum);
    }

    public static string SuggestionExplanation(decimal cost, decimal suggested, decimal margin, bool below, Margins margins) =>
        $"Custo R$ {Money(cost)} + margem de {Money(Math.Clamp(margins.Target, margins.Minimum, margins.Maximum))}% = R$ {Money(suggested)}." +
        (below ? $" O preço atual dá {Money(margin)}% de margem, abaixo do mínimo de {Money(margins.Minimum)}%." : "");

    public static decimal Percent(decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(part * 100 / whole, 2, MidpointRounding.AwayFromZero);

    static string Money(decimal value) => value.ToString("#,##0.00", CultureInfo.GetCultureInfo("pt-BR"));
}
