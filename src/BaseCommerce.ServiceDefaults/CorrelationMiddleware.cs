using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BaseCommerce.ServiceDefaults;

/// <summary>
/// Gives every request a correlation id (the caller's <c>X-Correlation-Id</c>, else the trace id),
/// echoes it in the response and puts it in the logging scope, so one id follows a request through
/// every service's logs and, later, into the messages it publishes.
/// </summary>
internal sealed class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext http)
    {
        var incoming = http.Request.Headers[Header].ToString();
        var correlationId = IsAcceptable(incoming) ? incoming : Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        http.Items[Header] = correlationId;
        http.Response.Headers[Header] = correlationId;
        using (logger.BeginScope("CorrelationId:{CorrelationId}", correlationId))
            await next(http);
    }

    // A caller-supplied id ends up in logs and headers: keep it short and plain.
    static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
