using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace BaseCommerce.Verticals.Construction.Domain;

// The limits of what the API and the web UI accept, declared once on the input records (Requests.cs). InputRules enforces
// them before any command touches the database, and the OpenAPI document states the same limits (Api/OpenApiDocumentation).

/// <summary>The field must be sent, and not as null.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class MandatoryAttribute : Attribute;

/// <summary>Text of at most <see cref="MaxLength"/> characters, without control characters (tab and line breaks only where <see cref="Multiline"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TextAttribute(int maxLength) : Attribute
{
    public int MaxLength { get; } = maxLength;
    public bool Multiline { get; init; }
}

/// <summary>A decimal that fits PostgreSQL's <c>numeric(precision, scale)</c>: more decimals than the scale is refused, never rounded.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class AmountAttribute(int precision, int scale) : Attribute
{
    public int Precision { get; } = precision;
    public int Scale { get; } = scale;

    /// <summary>The smallest value too large for the column: 10^(precision − scale).</summary>
    public decimal Bound => (decimal)Math.Pow(10, Precision - Scale);
}

/// <summary>
/// Set once, when the record is created: required then; an update may leave it out, and one that sends another value
/// is refused (409), naming the field.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FixedAttribute : Attribute;

public static class Limits
{
    public const int Name = 200;
    public const int Code = 50;
    public const int Document = 20;
    public const int Email = 254;
    public const int Phone = 30;
    public const int Address = 300;
    public const int City = 100;
    public const int State = 20;
    public const int Cep = 10;
    public const int Notes = 2000;
    public const int Reason = 500;
    public const int Word = 20;
    public const int TimeZone = 40;
    public const int Search = 200;
}

/// <summary>A field of an input record, as the wire names it, with its declared limits.</summary>
public sealed record InputField(string Name, PropertyInfo Property, bool Mandatory, TextAttribute? Text, AmountAttribute? Amount, bool Fixed)
{
    public Type Type => Property.PropertyType;
    public Type? ElementType => Type != typeof(string) && Type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(Type) ? Type.GetGenericArguments()[0] : null;
}

public static class InputRules
{
    static readonly ConcurrentDictionary<Type, IReadOnlyList<InputField>> Cache = new();

    /// <summary>Input records are the <c>*Input</c> records of this assembly.</summary>
    public static bool IsInput(Type type) => type.Assembly == typeof(InputRules).Assembly && type.Name.EndsWith("Input", StringComparison.Ordinal) && type.IsClass;

    /// <summary>
    /// The fields of an input record. Every string must declare <see cref="TextAttribute"/> and every decimal
    /// <see cref="AmountAttribute"/>: an input without limits does not start (the first request that uses it fails loudly in tests).
    /// </summary>
    public static IReadOnlyList<InputField> FieldsOf(Type type) => Cache.GetOrAdd(type, static type =>
    {
        var parameters = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
            .ToDictionary(p => p.Name!, StringComparer.Ordinal);
        var fields = new List<InputField>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null)
                continue;
            ICustomAttributeProvider source = parameters.TryGetValue(property.Name, out var parameter) ? parameter : property;
            T? Attr<T>() where T : Attribute => (T?)source.GetCustomAttributes(typeof(T), false).FirstOrDefault();
            var field = new InputField(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name), property, Attr<MandatoryAttribute>() is not null,
                Attr<TextAttribute>(), Attr<AmountAttribute>(), Attr<FixedAttribute>() is not null);
            var underlying = Nullable.GetUnderlyingType(field.Type) ?? field.Type;
            if (underlying == typeof(string) && field.Text is null)
                throw new InvalidOperationException($"{type.Name}.{property.Name} is text without a [Text(max)] limit.");
            if (underlying == typeof(decimal) && field.Amount is null)
                throw new InvalidOperationException($"{type.Name}.{property.Name} is a decimal without an [Amount(precision, scale)] limit.");
            fields.Add(field);
        }
        return fields;
    });

    /// <summary>
    /// Throws one 400 with every field that breaks its limits; nothing has been read or written yet. When
    /// <paramref name="creating"/>, the <see cref="FixedAttribute"/> fields are required too.
    /// </summary>
    public static void Check(object? input, bool creating = false)
    {
        var v = new Validation();
        Collect(input, "", v, creating);
        v.ThrowIfInvalid();
    }

    static void Collect(object? input, string prefix, Validation v, bool creating)
    {
        if (input is null)
            return;
        foreach (var field in FieldsOf(input.GetType()))
        {
            var name = prefix + field.Name;
            var value = field.Property.GetValue(input);
            switch (value)
            {
                case null when field.Mandatory || (creating && field.Fixed):
                    v.Add(name, $"Campo obrigatório: informe {Label(field.Name)}.");
                    break;
                case string text:
                    if (TextProblem(text, field.Text!.MaxLength, field.Text.Multiline) is { } problem)
                        v.Add(name, Describe(field.Name, problem));
                    break;
                case decimal amount:
                    if (AmountProblem(amount, field.Amount!) is { } wrong)
                        v.Add(name, Describe(field.Name, wrong));
                    break;
                case IEnumerable items when field.ElementType is { } element && IsInput(element):
                    var i = 0;
                    foreach (var item in items)
                    {
                        if (item is null)
                            v.Add($"{name}[{i}]", "Item vazio: envie o item ou retire-o da lista.");
                        else
                            Collect(item, $"{name}[{i}].", v, creating);
                        i++;
                    }
                    break;
            }
        }
    }

    /// <summary>Why a piece of text is refused, in pt-BR, or null when it is fine.</summary>
    public static string? TextProblem(string text, int maxLength, bool multiline = false)
    {
        if (text.Length > maxLength)
            return $"no máximo {maxLength.ToString("N0", CultureInfo.GetCultureInfo("pt-BR"))} caracteres (recebidos {text.Length.ToString("N0", CultureInfo.GetCultureInfo("pt-BR"))}).";
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
                return "contém um caractere inválido (UTF-16 incompleto).";
            if (!char.IsControl(c))
                continue;
            var lineBreak = c == '\n' || (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n');
            if (multiline && (c == '\t' || lineBreak))
                continue;
            return c == '\0'
                ? "contém um caractere nulo (\\u0000), que não é aceito."
                : $"contém um caractere de controle (U+{(int)c:X4}), que não é aceito{(multiline ? "" : " neste campo de uma linha")}.";
        }
        return null;
    }

    static string? AmountProblem(decimal value, AmountAttribute amount)
    {
        if (decimal.Round(value, amount.Scale) != value)
            return amount.Scale == 0 ? "use um número inteiro." : $"no máximo {amount.Scale} casas decimais.";
        if (Math.Abs(value) >= amount.Bound)
            return $"fora do intervalo aceito (menor que {amount.Bound.ToString("N0", CultureInfo.GetCultureInfo("pt-BR"))} em valor absoluto).";
        return null;
    }

    /// <summary>"O nome: no máximo 200 caracteres (…)": a field's problem as a pt-BR sentence.</summary>
    public static string Describe(string field, string problem)
    {
        var label = Label(field);
        return char.ToUpperInvariant(label[0]) + label[1..] + ": " + problem;
    }

    /// <summary>How a person calls the field, for pt-BR messages (the wire name when it has no better one).</summary>
    public static string Label(string field) => field switch
    {
        "tipo" => "o tipo (PF ou PJ)",
        "nome" => "o nome",
        "documento" => "o documento (CPF ou CNPJ)",
        "email" => "o e-mail",
        "telefone" => "o telefone",
        "endereco" => "o endereço",
        "cidade" => "a cidade",
        "estado" => "o estado",
        "cep" => "o CEP",
        "observacoes" or "observacao" => "as observações",
        "cliente_id" => "o cliente",
        "obra_id" => "a obra",
        "produto_id" => "o produto",
        "fornecedor_id" => "o fornecedor",
        "codigo" => "o código",
        "descricao" => "a descrição",
        "unidade" => "a unidade",
        "preco_base" => "o preço base",
        "preco" => "o preço",
        "preco_unitario" => "o preço unitário",
        "custo_unitario" => "o custo unitário",
        "peso_kg" => "o peso (kg)",
        "quantidade" => "a quantidade",
        "quantidade_minima" => "a quantidade mínima",
        "desconto_percentual" => "o desconto (%)",
        "latitude" => "a latitude",
        "longitude" => "a longitude",
        "itens" => "os itens",
        "status" => "o status",
        "motivo" => "o motivo",
        "search" or "busca" => "a busca",
        _ => field,
    };
}
