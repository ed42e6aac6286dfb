namespace BaseCommerce.Contracts;

/// <summary>
/// One product an engine suggests beside another (a value inside events). <see cref="FrequencyPercent"/> is how often
/// it goes with the other (0–100; for a substitute, the price difference in percent); Priority keeps the Portuguese wire
/// values "alta", "media", "baixa"; <see cref="Explanation"/> is the pt-BR sentence shown to staff.
/// </summary>
public sealed record ProductSuggestion(
    Guid ProductId,
    decimal FrequencyPercent,
    string Priority,
    string Explanation);
