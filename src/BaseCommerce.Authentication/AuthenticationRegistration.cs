using BaseCommerce.Authentication.Revocation;
using BaseCommerce.Tenancy.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace BaseCommerce.Authentication;

public static class AuthenticationRegistration
{
    /// <summary>
    /// Authentication for a BaseCommerce service: the staff session cookie (issued by Identity at sign-in) and, when
    /// <paramref name="acceptBearerTokens"/>, JWT access tokens validated against Identity's JWKS. The tenant check
    /// (a token or session of store A on store B's host → 403) is the tenancy middleware's, which runs after this.
    /// </summary>
    public static WebApplicationBuilder AddBaseCommerceAuthentication(this WebApplicationBuilder builder, bool acceptBearerTokens = true)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration("Auth");
        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection().SetApplicationName("BaseCommerce");
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new PostgresXmlRepository(dataSource));
        services.AddSingleton<SessionValidator>();

        var authentication = services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, null, o => o.ForwardDefaultSelector = http =>
                acceptBearerTokens && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.Bearer
                    : AuthSchemes.Session)
            .AddCookie(AuthSchemes.Session);
        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Session).Configure<IOptions<AuthOptions>>(ConfigureSessionCookie);

        if (acceptBearerTokens)
        {
            services.AddHttpClient(JwksCache.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
            services.AddSingleton<JwksCache>();
            services.AddRevocationStream();
            services.AddSingleton<RevokedAccess>();
            services.AddHostedService<RevocationFeed>();
            services.AddHealthChecks().AddCheck<RevocationFeedHealthCheck>("revocations", tags: ["ready"]);
            authentication.AddJwtBearer(AuthSchemes.Bearer);
            services.AddOptions<JwtBearerOptions>(AuthSchemes.Bearer).Configure<IOptions<AuthOptions>, JwksCache>(ConfigureBearer);
        }

        services.AddAuthorization(ScopePolicies.Add);
        return builder;
    }

    static void ConfigureSessionCookie(CookieAuthenticationOptions o, IOptions<AuthOptions> auth)
    {
        var secure = auth.Value.SecureCookies;
        o.Cookie.Name = AuthSchemes.SessionCookieName(secure);
        o.Cookie.Path = "/";          // host-only (no Domain) and site-wide, as the __Host- prefix demands
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = StaffSessionLifetime;
        o.SlidingExpiration = false;
        o.Events.OnValidatePrincipal = async context =>
        {
            var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
            var open = Guid.TryParse(context.Principal?.FindFirst(StaffClaims.TenantId)?.Value, out var tenantId) &&
                       Guid.TryParse(context.Principal?.FindFirst(StaffClaims.SessionId)?.Value, out var sessionId) &&
                       await validator.IsOpenAsync(tenantId, sessionId, context.HttpContext.RequestAborted);
            if (!open)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(AuthSchemes.Session);
            }
        };
        o.Events.OnRedirectToLogin = context =>
        {
            var request = context.Request;
            var login = "/auth/login?ReturnUrl=" + Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString);
            if (request.Headers.ContainsKey("HX-Request"))
            {
                // HTMX swaps responses into the page; a redirect must reach the browser as this header instead.
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers["HX-Redirect"] = login;
            }
            else if (IsApi(request))
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            else
                context.Response.Redirect(login);
            return Task.CompletedTask;
        };
        o.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    /// <summary>A staff session lasts a working day, then the person signs in again.</summary>
    public static readonly TimeSpan StaffSessionLifetime = TimeSpan.FromHours(12);

    static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    /// <summary>The validation every service applies to a bearer token (public for the benchmark that measures the revocation check).</summary>
    public static void ConfigureBearer(JwtBearerOptions o, IOptions<AuthOptions> auth, JwksCache jwks)
    {
        var settings = auth.Value;
        o.MapInboundClaims = false;
        o.RefreshOnIssuerKeyNotFound = false; // JwksCache refreshes before validation instead
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            IssuerValidator = (issuer, token, _) => ValidIssuer(issuer, token, settings),
            ValidateAudience = true,
            ValidAudience = settings.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(settings.ClockSkewSeconds),
            RequireSignedTokens = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = [AccessTokenType],
            IssuerSigningKeyResolver = (_, _, kid, _) => jwks.Find(kid) is { } key ? [key] : [],
            NameClaimType = StaffClaims.Name,
            RoleClaimType = StaffClaims.Role,
        };
        o.Events = new JwtBearerEvents
        {
            // Within 5 s of a revocation anywhere (RevocationFeed), its tokens are refused: 401 with error="invalid_token".
            OnTokenValidated = context =>
            {
                if (context.SecurityToken is JsonWebToken token && context.HttpContext.RequestServices.GetRequiredService<RevokedAccess>().IsRevoked(token))
                    context.Fail(new SecurityTokenException("The access token was revoked."));
                return Task.CompletedTask;
            },
            OnMessageReceived = async context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    return;
                string? kid = null;
                try { kid = new JsonWebToken(header["Bearer ".Length..].Trim()).Kid; }
                catch (ArgumentException) { return; } // not a JWT: validation refuses it
                await jwks.EnsureAsync(kid, context.HttpContext.RequestAborted);
            },
        };
    }

    /// <summary>
    /// The publisher of revocations (<see cref="RevocationStream"/>), for Identity and the CLI as much as for validating
    /// services; needs an <see cref="StackExchange.Redis.IConnectionMultiplexer"/> in the container.
    /// </summary>
    public static IServiceCollection AddRevocationStream(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RevocationStream>();
        return services;
    }

    /// <summary>RFC 9068: access tokens are typed, so an ID token can never pass as one.</summary>
    public const string AccessTokenType = "at+jwt";

    // Each store is its own issuer: the token's issuer must be the one of the store it names.
    static string ValidIssuer(string issuer, SecurityToken token, AuthOptions settings)
    {
        if (token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(TenantClaims.TenantSlug, out var slug) &&
            string.Equals(issuer, settings.IssuerFor(slug), StringComparison.Ordinal))
            return issuer;
        throw new SecurityTokenInvalidIssuerException($"Issuer '{issuer}' is not the issuer of the store the token names.");
    }
}
