using System.Threading.RateLimiting;
using BaseCommerce.Tenancy.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BaseCommerce.Identity;

/// <summary>
/// Fixed-window limits per client address and store on sign-in and on the token endpoints (ASP.NET Core's rate limiter),
/// chosen by path and applied before authentication: OpenIddict authenticates clients there, before any endpoint runs.
/// Per replica: behind N replicas an attacker gets N times the budget, still far below what guessing passwords needs,
/// and lockout (per account, in the database) holds across replicas.
/// </summary>
public static class IdentityRateLimits
{
    public const string Login = "login";
    public const string Token = "token";

    public static IServiceCollection AddIdentityRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<IdentityServerOptions>>((o, settings) =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsTokenEndpoint(http.Request.Path) ? Window(http, Token, settings.Value.TokenPermitsPerMinute)
                : HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/login") ? Window(http, Login, settings.Value.LoginPermitsPerMinute)
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = "60";
                if (http.Request.Path.StartsWithSegments("/connect"))
                    await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
                    {
                        ["error"] = "temporarily_unavailable", ["error_description"] = "Too many requests; retry after 60 seconds.",
                    }, ct);
                else
                {
                    http.Response.ContentType = "text/html; charset=utf-8";
                    await http.Response.WriteAsync("<!DOCTYPE html><html lang=\"pt-BR\"><meta charset=\"utf-8\"><title>Muitas tentativas</title>" +
                        "<p>Muitas tentativas de acesso em pouco tempo. Aguarde um minuto e tente de novo.</p></html>", ct);
                }
            };
        });
        return services;
    }

    static bool IsTokenEndpoint(PathString path) =>
        path.StartsWithSegments("/connect/token") || path.StartsWithSegments("/connect/revoke") || path.StartsWithSegments("/connect/introspect");

    static RateLimitPartition<string> Window(HttpContext http, string name, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            $"{name}|{http.Request.Headers[TenantClaims.SlugHeader]}|{http.Request.Host.Host}|{http.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
