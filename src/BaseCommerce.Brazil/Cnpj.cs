namespace BaseCommerce.Brazil;

/// <summary>The Brazilian company registry number: 14 digits, the last two check digits (modulus 11).</summary>
public static class Cnpj
{
    static readonly int[] FirstWeights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    static readonly int[] SecondWeights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>The 14 digits of a CNPJ written with or without punctuation (12.345.678/0001-95), or null when invalid.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 14 || value.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or '/' or '-' or ' ')))
            return null;
        if (digits.All(c => c == digits[0]))
            return null;
        return CheckDigit(digits, FirstWeights) == digits[12] - '0' && CheckDigit(digits, SecondWeights) == digits[13] - '0'
            ? digits
            : null;
    }

    public static string Format(string digits) =>
        $"{digits[..2]}.{digits[2..5]}.{digits[5..8]}/{digits[8..12]}-{digits[12..]}";

    static int CheckDigit(string digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
            sum += (digits[i] - '0') * weights[i];
        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
