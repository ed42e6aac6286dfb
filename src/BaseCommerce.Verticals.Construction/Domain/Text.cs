namespace BaseCommerce.Verticals.Construction.Domain;

public static class Text
{
    /// <summary>What a person typed, trimmed; null when they typed nothing but spaces.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
