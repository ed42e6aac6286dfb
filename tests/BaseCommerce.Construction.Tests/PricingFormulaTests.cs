extern alias pricing;
using pricing::BaseCommerce.Engines.Pricing.Domain;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The Pricing engine's rules against hand-computed examples.</summary>
public sealed class PricingFormulaTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly Guid S1 = Guid.Parse("00000000-0000-0000-0000-000000000001"), S2 = Guid.Parse("00000000-0000-0000-0000-000000000002");

    [Fact]
    public void TheCheapestStableSupplierWins_AndAnUnstableCheaperOneDoesNot()
    {
        // S2: 28 then 31.50 a day later (average 29.75; 31.50 is 5.88% off: unstable). S1: 30 once (stable).
        PricePoint[] history = [new(S2, 28m, null, Now.AddDays(-2)), new(S1, 30m, 10m, Now.AddDays(-2)), new(S2, 31.5m, null, Now.AddDays(-1))];
        var quotes = PricingRules.Compare(history, Now);
        quotes.Select(q => (q.SupplierId, q.Price, q.VariationFromCheapestPercent, q.Average90Days, q.Stability))
            .ShouldBe([(S1, 30m, 0m, 30m, "estavel"), (S2, 31.5m, 5m, 29.75m, "instavel")]);
        quotes[1].Trend.ShouldBe("aumento");
        quotes[1].MonthlyTrendPercent.ShouldBe(375m, "+12.5% in one day, × 30");
        var (best, alternatives) = PricingRules.Best(quotes)!.Value;
        (best.SupplierId, alternatives.Single().SupplierId).ShouldBe((S1, S2), "31.50 is within 5% of 30");
        PricingRules.BestExplanation(best).ShouldBe("R$ 30,00: o mais barato e estável");
    }

    [Theory]
    [InlineData(28, 31.5, 12.5, "aumento")]
    [InlineData(50, 45, -10, "diminuicao")]
    public void AMoveOfTenPercentOrMore_IsAnAlert(decimal previous, decimal price, decimal percent, string kind) =>
        PricingRules.Alert(previous, price).ShouldBe((percent, kind));

    [Fact]
    public void ASmallMove_IsNoAlert() => PricingRules.Alert(50, 54.99m).ShouldBeNull();

    [Fact]
    public void TheSuggestedPrice_IsCostPlusTheTargetMargin_WithinTheStoresBounds()
    {
        PricingRules.Suggest(28m, 32m, new Margins()).ShouldBe((36.40m, 14.29m, true), "28 × 1.30; 32 earns 14.29% < 15%");
        PricingRules.Suggest(28m, 40m, new Margins(Target: 80)).ShouldBe((42.00m, 42.86m, false), "the target is held to the 50% maximum");
        PricingRules.SuggestionExplanation(28m, 36.40m, 14.29m, true, new Margins())
            .ShouldBe("Custo R$ 28,00 + margem de 30,00% = R$ 36,40. O preço atual dá 14,29% de margem, abaixo do mínimo de 15,00%.");
    }

    [Fact]
    public void AFlatHistory_IsAStableTrend() =>
        PricingRules.Trend([new(S1, 30m, null, Now.AddDays(-60)), new(S1, 30.5m, null, Now)]).ShouldBe(("estavel", 0.83m));
}
