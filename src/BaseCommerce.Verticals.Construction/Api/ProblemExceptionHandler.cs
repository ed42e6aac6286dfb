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
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = "O corpo da requisição é inválido: " + bad.Message },
            _ => null,
        };
        if (details is null)
            return false;
        http.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }
}
