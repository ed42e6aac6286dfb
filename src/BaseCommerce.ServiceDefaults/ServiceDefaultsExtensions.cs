using BaseCommerce.Migrations;
using BaseCommerce.ServiceDefaults.Health;
using BaseCommerce.ServiceDefaults.Metrics;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BaseCommerce.ServiceDefaults;

/// <summary>
/// What every BaseCommerce host shares. Configuration (appsettings, then environment variables with the
/// same names, e.g. <c>ConnectionStrings__Postgres</c>):
/// <code>
/// { "ConnectionStrings": { "Postgres": "…service role…", "PostgresOwner": "…owner role, migrations only…", "Redis": "127.0.0.1:6379" },
///   "Migrations": { "ApplyOnStart": true },   // development only
///   "Tenancy": { "BaseDomains": [ "basecommerce.com.br", "localhost" ] } }
/// </code>
/// </summary>
public static class ServiceDefaultsExtensions
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceInfo service)
    {
        builder.Services.AddSingleton(service);

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });

        // Resolved lazily, so configuration added after this call (tests, hosting overrides) still counts.
        builder.Services.AddSingleton(sp =>
            new NpgsqlDataSourceBuilder(Required(sp.GetRequiredService<IConfiguration>(), "ConnectionStrings:Postgres")) { Name = service.Name }.Build());
        builder.Services.AddSingleton(sp => new RedisConnection(Required(sp.GetRequiredService<IConfiguration>(), "ConnectionStrings:Redis")));
        builder.Services.AddSingleton<StackExchange.Redis.IConnectionMultiplexer>(sp => sp.GetRequiredService<RedisConnection>().Multiplexer);

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"])
            .AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

        builder.Services.AddPrometheusMetrics("BaseCommerce", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime");
        builder.Services.AddProblemDetails();
        // pt-BR pages: HTML encoding writes accents as characters, not as &#xE1; entities (markup is still encoded).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.AddTenancy();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes);

        // SIGTERM: stop accepting requests, let in-flight work finish within this window.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        return builder;
    }

    /// <summary>
    /// The shared request pipeline: errors as problem details, correlation, routing, authentication, tenancy.
    /// <paramref name="beforeAuthentication"/> runs after routing: Identity limits rates and opens the store's scope
    /// there, since OpenIddict answers its endpoints inside authentication.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthentication = null)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteStatusProblemAsync);
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseRouting();
        beforeAuthentication?.Invoke(app);
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
            app.UseAuthentication();
        app.UseTenancy();
        if (app.Services.GetService<Microsoft.AspNetCore.Authorization.IAuthorizationService>() is not null)
            app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// An error answered without a body gets problem details (plain text when the client accepts no JSON), as the default
    /// status-code pages do; a 413, whether from <see cref="RequestBodyLimit"/> or from Kestrel's limit on a chunked body,
    /// says what the limit is.
    /// </summary>
    static async Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var details = status == StatusCodes.Status413PayloadTooLarge ? RequestBodyLimit.Problem() : new ProblemDetails { Status = status };
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details }))
        {
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync($"Status Code: {status}; {ReasonPhrases.GetReasonPhrase(status)}");
        }
    }

    /// <summary><c>/health/live</c> (the process runs), <c>/health/ready</c> (PostgreSQL and Redis answer), <c>/metrics</c>.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var service = app.Services.GetRequiredService<ServiceInfo>();
        app.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (http, report) => HealthResponseWriter.Write(http, report, service),
        }).AllowWithoutTenant();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = (http, report) => HealthResponseWriter.Write(http, report, service),
        }).AllowWithoutTenant();
        app.MapPrometheusMetrics().AllowWithoutTenant();
        return app;
    }

    /// <summary>
    /// Runs the host. In development (<c>Migrations:ApplyOnStart</c>), first applies the shared schemas' and this
    /// service's pending migrations as the owner role.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        var service = app.Services.GetRequiredService<ServiceInfo>();
        if (app.Configuration.GetValue<bool>("Migrations:ApplyOnStart") && service.Schema is not null)
        {
            var owner = Required(app.Configuration, "ConnectionStrings:PostgresOwner");
            var migrator = new SqlMigrator(owner, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SqlMigrator>());
            await migrator.ApplyAsync([.. ServiceMigrations.Shared, ServiceMigrations.FromOutput(service.Schema)]);
        }
        await app.RunAsync();
    }

    static string Required(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Configuration '{key}' is missing (environment variable '{key.Replace(":", "__")}').");
}
