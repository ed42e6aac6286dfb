using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BaseCommerce.Tenancy.Web;

/// <summary>
/// Resolves the store a request is for and opens its tenant scope. The slug comes from <c>X-Tenant-Slug</c>
/// (set by nginx from the subdomain) or, with no proxy in front, from the Host's subdomain.
/// Missing slug → 400; unknown or inactive store → 404; a signed-in user whose token names another
/// tenant → 403. Runs after authentication, so the token's <c>tenant_id</c> is known.
/// </summary>
public sealed partial class TenantResolutionMiddleware(RequestDelegate next, TenantDirectory directory,
    IOptions<TenancyOptions> options, ILogger<TenantResolutionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, TenantContext tenantContext)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AllowWithoutTenantAttribute>() is not null)
        {
            await next(http);
            return;
        }

        var slug = SlugOf(http.Request, options.Value);
        if (slug is null)
        {
            await Problem(http, StatusCodes.Status400BadRequest, "Tenant not specified",
                "A loja não foi informada: acesse pelo endereço da loja, por exemplo https://minhaloja.basecommerce.com.br.");
            return;
        }

        var tenant = await directory.FindBySlugAsync(slug, http.RequestAborted);
        if (tenant is not { Active: true })
        {
            await Problem(http, StatusCodes.Status404NotFound, "Tenant not found",
                $"A loja '{slug}' não existe ou está inativa.");
            return;
        }

        if (http.User.Identity?.IsAuthenticated == true)
        {
            var claimed = http.User.FindFirst(TenantClaims.TenantId)?.Value;
            if (!Guid.TryParse(claimed, out var claimedId) || claimedId != tenant.Id)
            {
                LogTenantMismatch(logger, slug, claimed);
                await Problem(http, StatusCodes.Status403Forbidden, "Wrong tenant",
                    "Sua sessão pertence a outra loja. Entre novamente pelo endereço desta loja.");
                return;
            }
        }

        tenantContext.Use(tenant);
        using (logger.BeginScope("Tenant:{TenantSlug} {TenantId}", tenant.Slug, tenant.Id))
            await next(http);
    }

    /// <summary>The store a request names: <c>X-Tenant-Slug</c> (nginx, from the subdomain), else the Host's subdomain.</summary>
    public static string? SlugOf(HttpRequest request, TenancyOptions options)
    {
        var header = request.Headers[TenantClaims.SlugHeader].ToString();
        if (!string.IsNullOrWhiteSpace(header))
            return header.Trim().ToLowerInvariant();
        return TenantSlug.FromHost(request.Host.Host, options.BaseDomains);
    }

    static Task Problem(HttpContext http, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(http);

    [LoggerMessage(LogLevel.Warning, "Refused a token for tenant {ClaimedTenant} on store {Slug}")]
    static partial void LogTenantMismatch(ILogger logger, string slug, string? claimedTenant);
}
