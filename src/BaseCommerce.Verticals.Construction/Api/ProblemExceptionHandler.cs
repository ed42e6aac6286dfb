using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Api;

/// <summary>Turns a refused request into RFC 7807 problem details (with field errors for 400s); nothing was written.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        ProblemDetails? details = exception switch
        {
            ProblemException { Errors: { } errors } p => new ValidationProblemDetails(errors.ToDictionary()) { Status = p.Status, Title = p.Title, Detail = p.Message },
            ProblemException p => new ProblemDetails { Status = p.Status, Title = p.Title, Detail = p.Message },
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ServiceDefaults.RequestBodyLimit.Problem(),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType, Title = "Unsupported media type",
                Detail = "Envie o corpo como JSON, com Content-Type: application/json.",
            },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = "Requisição inválida: " + bad.Message },
            _ => null,
        };
        if (details is null)
            return false;
        http.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A body that is not JSON, or a value of the wrong type: the field named by its JSON path (<c>itens[0].quantidade</c>).</summary>
    static ProblemDetails FromJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        // The serializer's own messages are in English and name .NET types: only our converter's pt-BR message is passed on.
        var ours = new Exception?[] { json, json.InnerException }.OfType<PlainDecimalException>().FirstOrDefault()?.Message;
        if (field is null)
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest, Title = "Bad request",
                Detail = "O corpo da requisição não é um JSON válido para esta operação (esperado um objeto com os campos documentados).",
            };
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [ours ?? "Valor de tipo ou formato inválido para este campo."] })
        {
            Status = StatusCodes.Status400BadRequest, Title = "Validation failed", Detail = "Alguns campos estão inválidos; veja os erros de cada campo.",
        };
    }
}
