namespace BaseCommerce.Brazil;

/// <summary>The 27 federative units (states and the Federal District) by their two-letter codes.</summary>
public static class Uf
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI",
        "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
    };

    /// <summary>The upper-case code, or null when it names no unit.</summary>
    public static string? Normalize(string? value) =>
        value?.Trim().ToUpperInvariant() is { } code && All.Contains(code) ? code : null;
}

/// <summary>The postal code: 8 digits, written 27310-000.</summary>
public static class Cep
{
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => !char.IsAsciiDigit(c) && c is not ('-' or '.' or ' ')))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 8 ? $"{digits[..5]}-{digits[5..]}" : null;
    }
}
