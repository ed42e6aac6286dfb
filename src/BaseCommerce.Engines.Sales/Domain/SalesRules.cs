using System.Globalization;

namespace BaseCommerce.Engines.Sales.Domain;

/// <summary>The Sales engine's thresholds and sentences (the original's, section 2.3 of the reference).</summary>
public static class SalesRules
{
    public const int ComplementWindowDays = 90;
    public const decimal ComplementMinimumPercent = 20;
    public const int ComplementLimit = 10;
    public const decimal SubstitutePriceBandPercent = 20;
    public const int SubstituteLimit = 5;
    public const decimal BundleMinimumPercent = 50;
    public const int BundleLimit = 5;
    public const int PatternWindowDays = 180;
    public const decimal PatternMinimumPercent = 30;
    public const int PatternLimit = 10;

    /// <summary>≥ 70% "alta", ≥ 40% "media", otherwise "baixa".</summary>
    public static string Priority(decimal percent) => percent >= 70 ? "alta" : percent >= 40 ? "media" : "baixa";

    public static decimal Percent(long part, long whole) => whole == 0 ? 0 : Math.Round(part * 100m / whole, 2, MidpointRounding.AwayFromZero);

    public static string ComplementExplanation(decimal percent) =>
        $"{Whole(percent)}% dos pedidos com este produto também contêm o produto sugerido";

    public static string SubstituteExplanation(decimal difference) => difference switch
    {
        0 => "Mesmo preço e mesma unidade",
        > 0 => $"Preço {Whole(difference)}% maior, mesma unidade",
        _ => $"Preço {Whole(-difference)}% menor, mesma unidade",
    };

    public static string PatternExplanation(decimal percent) => $"Presente em {Whole(percent)}% das compras deste cliente nos últimos 180 dias";

    static string Whole(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);
}
