extern alias stock;
using Shouldly;
using stock::BaseCommerce.Engines.Stock.Domain;

namespace BaseCommerce.Construction.Tests;

/// <summary>The Stock engine's formulas against hand-computed examples.</summary>
public sealed class StockFormulaTests
{
    [Theory]
    [InlineData(0.95, 1.644854)]
    [InlineData(0.99, 2.326348)]
    [InlineData(0.90, 1.281552)]
    [InlineData(0.50 + 1e-9, 0.0)]
    public void ServiceLevels_GiveTheNormalQuantile(double level, double z) => Normal.Quantile(level).ShouldBe(z, 1e-5);

    [Fact]
    public void TheOriginalsRule_HoldsWhenDemandIsRegular()
    {
        // 10 a day, every day: σ = 0, so the statistical safety stock is 0 and the original's rule counts:
        // safety = 10 × 7 × 20% = 14, reorder point = 70 + 14 = 84 (the original's minimum, avg × 8.4), max = 10 × 37 × 1.2 = 444.
        var demand = Demand.Of([.. Enumerable.Repeat(10m, 90)], 0.3m);
        (demand.Average, demand.StandardDeviation, demand.Forecast).ShouldBe((10m, 0m, 10m));
        var a = Assessment.Of(onHand: 50, reserved: 0, demand, new StockParameters());
        (a.SafetyStock, a.ReorderPoint, a.MaximumStock, a.DaysToStockOut, a.Risk).ShouldBe((14m, 84m, 444m, 5, "alto"));
        a.NeedsReplenishment.ShouldBeTrue();
        a.SuggestedQuantity.ShouldBe(394m);
        a.SuggestionExplanation("SAC").ShouldBe("Vende 10 SAC/dia, lead time 7 dias. Sugestão: comprar 394 SAC para estoque máximo de 444.");
    }

    [Fact]
    public void OneBigSale_GivesAStatisticalSafetyStock_AndReservationsCount()
    {
        // One sale of 35 in 90 days: avg = 0.38889, σ = √((34.61111² + 89 × 0.38889²) / 89) = 3.68932,
        // safety = 1.644854 × 3.68932 × √7 = 16.055, reorder point = 0.38889 × 7 + 16.055 = 18.777.
        var daily = Enumerable.Repeat(0m, 90).ToArray();
        daily[89] = 35;
        var demand = Demand.Of(daily, 0.3m);
        Math.Round(demand.Average, 5).ShouldBe(0.38889m);
        Math.Round(demand.StandardDeviation, 5).ShouldBe(3.68932m);
        demand.Forecast.ShouldBe(10.5m, "α = 0.3 of the last day's 35 over a forecast of 0");
        var a = Assessment.Of(onHand: 8, reserved: 3, demand, new StockParameters());
        (a.Available, a.SafetyStock, a.ReorderPoint, a.DaysToStockOut, a.Risk).ShouldBe((5m, 16.055m, 18.777m, 12, "medio"));
        a.SuggestedQuantity.ShouldBe(14m, "up to the maximum (here the reorder point, above avg × 37 × 1.2 = 17.267), in whole units");
    }

    [Theory]
    [InlineData(70, 7, "alto")]
    [InlineData(71, 7, "alto")]
    [InlineData(80, 8, "medio")]
    [InlineData(140, 14, "medio")]
    [InlineData(150, 15, "baixo")]
    public void Risk_FollowsTheDaysOfStock(int available, int days, string risk)
    {
        var a = Assessment.Of(available, 0, Demand.Of([.. Enumerable.Repeat(10m, 90)], 0.3m), new StockParameters());
        (a.DaysToStockOut, a.Risk).ShouldBe((days, risk));
    }

    [Fact]
    public void NoDemand_MeansNoAlert_AndNoDays()
    {
        var a = Assessment.Of(0, 0, Demand.Of([.. Enumerable.Repeat(0m, 90)], 0.3m), new StockParameters());
        (a.NeedsReplenishment, a.DaysToStockOut, a.Risk, a.ReorderPoint).ShouldBe((false, (int?)null, "baixo", 0m));
    }

    [Fact]
    public void ExponentialSmoothing_FollowsTheSeries()
    {
        // F1 = 10; F2 = 0.5×10 + 0.5×10 = 10; F3 = 0.5×20 + 0.5×10 = 15; F4 = 0.5×30 + 0.5×15 = 22.5.
        Demand.Smoothed([10m, 20m, 30m], 0.5m).ShouldBe(22.5m);
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(0.05, 2)]
    [InlineData(0.9, 3)]
    public void TheSmoothingsClosedForm_GivesTheRecurrencesForecast(double alpha, int seed)
    {
        // The engine adds the window up in the database with these weights; the recurrence is the definition.
        var random = new Random(seed);
        var daily = Enumerable.Range(0, 90).Select(_ => random.Next(4) == 0 ? 0m : Math.Round((decimal)(random.NextDouble() * 500), 3)).ToArray();
        var weights = Demand.SmoothingWeights(90, (decimal)alpha);
        Math.Round(weights.Zip(daily, (w, x) => w * x).Sum(), Demand.ForecastScale)
            .ShouldBe(Math.Round(Demand.Smoothed(daily, (decimal)alpha), Demand.ForecastScale));
        Math.Round(weights.Sum(), Demand.ForecastScale).ShouldBe(1m, "a flat series forecasts itself");
        var demand = Demand.Of(daily, (decimal)alpha);
        var average = daily.Average();
        var deviation = Math.Sqrt((double)(daily.Sum(d => (d - average) * (d - average)) / 89));
        demand.Average.ShouldBe(average);
        ((double)demand.StandardDeviation).ShouldBe(deviation, 1e-9, "from Σx and Σx², as from the deviations");
    }

    [Fact]
    public void AProductsOwnLeadTimeAndSafety_OverrideTheStores()
    {
        var p = new StockParameters().For(productLeadTime: 14, productSafety: null);
        (p.LeadTimeDays, p.SafetyPercent).ShouldBe((14, 20m));
        var a = Assessment.Of(0, 0, Demand.Of([.. Enumerable.Repeat(1m, 90)], 0.3m), p);
        (a.ReorderPoint, a.MaximumStock).ShouldBe((16.8m, 52.8m), "1 × 14 × 1.2 and 1 × 44 × 1.2");
    }
}
