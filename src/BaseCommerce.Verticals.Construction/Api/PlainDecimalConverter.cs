using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace BaseCommerce.Verticals.Construction.Api;

/// <summary>
/// Decimals as the API documents them: a JSON number or a string, in plain notation only (<c>-12.50</c>, never
/// <c>1e3</c>, <c>0x10</c>, <c>" 5"</c> or <c>+5</c>). Anything else is a 400 naming the field; how many decimals a
/// field takes is its own limit (<see cref="Domain.AmountAttribute"/>), checked after binding.
/// </summary>
public sealed partial class PlainDecimalConverter : JsonConverter<decimal>
{
    public const string Pattern = "^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?$";

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Plain();

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
            throw new PlainDecimalException("Esperado um número decimal, como 12.50.");
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        if (text.Length > 40 || !Plain().IsMatch(text))
            throw new PlainDecimalException("Número em formato inválido: use notação simples com ponto decimal, como 12.50 (sem expoente).");
        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PlainDecimalException("Número fora do intervalo aceito.");
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>A decimal the API refuses. Its message is pt-BR and meant for the caller, unlike the serializer's own.</summary>
public sealed class PlainDecimalException(string message) : JsonException(message);
