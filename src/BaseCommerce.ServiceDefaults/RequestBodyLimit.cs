using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.ServiceDefaults;

/// <summary>
/// The largest request body every service accepts, the same figure nginx enforces in front of them. A body that declares
/// more is answered 413 before anything reads it; a chunked body that grows past it is cut by Kestrel's own limit (set to
/// the same figure), which surfaces as a 413 too. Either way the status-code pages write <see cref="Problem"/>.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The one answer to a body over the limit, whoever noticed it.</summary>
    public static ProblemDetails Problem() => new()
    {
        Status = StatusCodes.Status413PayloadTooLarge, Title = "Payload too large",
        Detail = $"O corpo da requisição passa do limite de {MaxBytes / 1024} KB.",
    };

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        return next(http);
    }
}
