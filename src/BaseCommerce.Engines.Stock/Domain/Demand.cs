namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>Demand of one product over the window: one quantity per day, oldest first, zero on days without sales.</summary>
public sealed record Demand(decimal Average, decimal StandardDeviation, decimal Forecast)
{
    public static Demand Of(IReadOnlyList<decimal> daily, decimal alpha)
    {
        if (daily.Count == 0)
            return new Demand(0, 0, 0);
        var average = daily.Sum() / daily.Count;
        // Sample standard deviation of the daily series (n − 1): the window is a sample of the product's demand.
        var deviation = daily.Count < 2 ? 0 : (decimal)Math.Sqrt((double)(daily.Sum(d => (d - average) * (d - average)) / (daily.Count - 1)));
        return new Demand(average, deviation, Smoothed(daily, alpha));
    }

    /// <summary>Simple exponential smoothing, started at the first day: F₁ = x₁, Fₜ₊₁ = α·xₜ + (1 − α)·Fₜ; returns the next day's Fₙ₊₁.</summary>
    public static decimal Smoothed(IReadOnlyList<decimal> daily, decimal alpha)
    {
        var forecast = daily[0];
        foreach (var value in daily)
            forecast = alpha * value + (1 - alpha) * forecast;
        return forecast;
    }
}
