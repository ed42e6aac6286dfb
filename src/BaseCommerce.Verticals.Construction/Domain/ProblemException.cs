namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// A request refused for a reason the caller can act on. The API answers it as RFC 7807 problem details and the web
/// UI as a pt-BR message; nothing was written. <see cref="Errors"/> holds field errors for 400 validation problems.
/// </summary>
public sealed class ProblemException(int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>The refusal as one pt-BR sentence for a page: every field error, or the detail.</summary>
    public string ForPeople => Errors is { Count: > 0 } errors ? string.Join(" ", errors.SelectMany(e => e.Value).Distinct()) : Message;

    public static ProblemException NotFound(string what) =>
        new(StatusCodes.Status404NotFound, "Not found", $"{what} não encontrado(a) nesta loja.");

    public static ProblemException Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);

    /// <summary>A field that is set once (<see cref="FixedAttribute"/>) sent with another value: 409, naming the field.</summary>
    public static ProblemException Fixed(string field, string detail) =>
        new(StatusCodes.Status409Conflict, "Conflict", detail, new Dictionary<string, string[]> { [field] = [detail] });

    public static ProblemException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "Validation failed", "Alguns campos estão inválidos; veja os erros de cada campo.", errors);
}

/// <summary>Collects field errors, then throws them all at once, so the caller fixes everything in one round.</summary>
public sealed class Validation
{
    readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Ok => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        (_errors.TryGetValue(field, out var list) ? list : _errors[field] = []).Add(message);
        return this;
    }

    public Validation Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    public void ThrowIfInvalid()
    {
        if (!Ok)
            throw ProblemException.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
