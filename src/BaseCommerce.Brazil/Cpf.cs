namespace BaseCommerce.Brazil;

/// <summary>The individual taxpayer number: 11 digits, the last two check digits (modulus 11).</summary>
public static class Cpf
{
    /// <summary>The 11 digits of a CPF written with or without punctuation (123.456.789-09), or null when invalid.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => !char.IsAsciiDigit(c) && c is not ('.' or '-' or ' ')))
            return null;
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length != 11 || digits.All(c => c == digits[0]))
            return null;
        return CheckDigit(digits, 9) == digits[9] - '0' && CheckDigit(digits, 10) == digits[10] - '0' ? digits : null;
    }

    public static string Format(string digits) => $"{digits[..3]}.{digits[3..6]}.{digits[6..9]}-{digits[9..]}";

    // Weights run from length+1 down to 2 over the first `length` digits.
    static int CheckDigit(string digits, int length)
    {
        var sum = 0;
        for (var i = 0; i < length; i++)
            sum += (digits[i] - '0') * (length + 1 - i);
        var rest = sum % 11;
        return rest < 2 ? 0 : 11 - rest;
    }
}
