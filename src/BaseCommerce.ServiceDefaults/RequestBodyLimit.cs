using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.ServiceDefaults;

/// <summary>
/// The largest request body every service accepts, the same figure nginx enforces in front of them. A body that declares
/// more is answered 413 as problem details before anything reads it; a chunked body that grows past it is cut by
/// Kestrel's own limit (set to the same figure), which surfaces as a 413 too.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge, Title = "Payload too large",
                    Detail = $"O corpo da requisição passa do limite de {MaxBytes / 1024} KB.",
                },
            });
            return;
        }
        await next(http);
    }
}
