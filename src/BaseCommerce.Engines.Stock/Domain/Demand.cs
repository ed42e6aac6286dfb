namespace BaseCommerce.Engines.Stock.Domain;

/// <summary>Demand of one product over the window: one quantity per day, oldest first, zero on days without sales.</summary>
public sealed record Demand(decimal Average, decimal StandardDeviation, decimal Forecast)
{
    /// <summary>Decimal places the forecast is kept to: the weights' rounding (28 digits) stays below them.</summary>
    public const int ForecastScale = 20;

    public static Demand Of(IReadOnlyList<decimal> daily, decimal alpha) => Of(DemandSums.Of(daily, alpha));

    /// <summary>
    /// Demand from the window's sums, which the engine reads from the database per product (one row, not one per day):
    /// average Σx/n; sample standard deviation (n − 1: the window is a sample of the product's demand) from
    /// (Σx² − (Σx)²/n)/(n − 1); the forecast Σwᵢxᵢ with the <see cref="SmoothingWeights"/>.
    /// </summary>
    public static Demand Of(DemandSums sums)
    {
        if (sums.Days == 0)
            return new Demand(0, 0, 0);
        var average = sums.Total / sums.Days;
        var variance = sums.Days < 2 ? 0 : (sums.Squares - sums.Total * sums.Total / sums.Days) / (sums.Days - 1);
        var deviation = variance <= 0 ? 0 : (decimal)Math.Sqrt((double)variance);
        return new Demand(average, deviation, Math.Round(sums.Smoothed, ForecastScale));
    }

    /// <summary>
    /// Simple exponential smoothing as defined, started at the first day: F₁ = x₁, Fₜ₊₁ = α·xₜ + (1 − α)·Fₜ; returns the
    /// next day's Fₙ₊₁. The engine uses its closed form (<see cref="SmoothingWeights"/>), equal to it.
    /// </summary>
    public static decimal Smoothed(IReadOnlyList<decimal> daily, decimal alpha)
    {
        var forecast = daily[0];
        foreach (var value in daily)
            forecast = alpha * value + (1 - alpha) * forecast;
        return forecast;
    }

    /// <summary>
    /// The weight of each day of an n-day window in the smoothed forecast, oldest first: unrolling the recurrence,
    /// Fₙ₊₁ = (1 − α)ⁿ·x₁ + Σᵢ α(1 − α)ⁿ⁻ⁱ·xᵢ, so day i weighs α(1 − α)ⁿ⁻ⁱ and the first day (1 − α)ⁿ more.
    /// </summary>
    public static decimal[] SmoothingWeights(int days, decimal alpha)
    {
        var weights = new decimal[days];
        var power = 1m; // (1 − α)^(n − i), from the newest day back
        for (var i = days - 1; i >= 0; i--)
        {
            weights[i] = alpha * power;
            power *= 1 - alpha;
        }
        if (days > 0)
            weights[0] += power;
        return weights;
    }
}

/// <summary>A window's daily quantities summed: n days, Σx, Σx² and Σwᵢxᵢ with the smoothing weights.</summary>
public sealed record DemandSums(int Days, decimal Total, decimal Squares, decimal Smoothed)
{
    public static DemandSums Of(IReadOnlyList<decimal> daily, decimal alpha)
    {
        var weights = Demand.SmoothingWeights(daily.Count, alpha);
        decimal total = 0, squares = 0, smoothed = 0;
        for (var i = 0; i < daily.Count; i++)
        {
            total += daily[i];
            squares += daily[i] * daily[i];
            smoothed += weights[i] * daily[i];
        }
        return new DemandSums(daily.Count, total, squares, smoothed);
    }
}
