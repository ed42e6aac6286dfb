using System.Text.Json;
using System.Text.Json.Serialization;
using BaseCommerce.Messaging;
using BaseCommerce.Verticals.Construction.Api;
using Npgsql;
using BaseCommerce.Tenancy;
using Scalar.AspNetCore;

namespace BaseCommerce.Verticals.Construction;

public static class ConstructionRegistration
{
    /// <summary>
    /// The vertical's data, commands, API conventions and bus. Configuration: <c>ConnectionStrings:Redis</c> for the bus,
    /// <c>Messaging:KeyPrefix</c> (default <c>bc:mt:</c>).
    /// </summary>
    public static WebApplicationBuilder AddConstruction(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDbContext<ConstructionDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddHttpContextAccessor();
        services.AddScoped<Actor>();
        services.AddScoped<CustomerCommands>();
        services.AddScoped<ProductCommands>();
        services.AddScoped<QuoteCommands>();
        services.AddScoped<OrderCommands>();
        services.AddScoped<SupplierCommands>();
        services.AddScoped<StockCommands>();
        services.AddScoped<Web.QuoteWizard>();
        services.AddScoped<Web.StoreBrand>();
        services.AddRazorPages();
        // HTMX sends the antiforgery token as this header (set on <body hx-headers>); forms send the usual field.
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthorization(Permissions.Add);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });

        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new() { Title = "BaseCommerce — API da loja (construção)", Version = "v1",
                Description = "Clientes, obras, produtos, fornecedores, estoque, cotações e pedidos de uma loja. Autenticação: Bearer JWT do serviço Identity (escopos api, api.read)." };
            return Task.CompletedTask;
        }));

        var configuration = builder.Configuration;
        services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = configuration.GetConnectionString("Redis") ?? o.RedisConfiguration;
            o.KeyPrefix = configuration["Messaging:KeyPrefix"] ?? o.KeyPrefix;
        }, x => x.AddBaseCommerceOutbox<ConstructionDb>());
        return builder;
    }

    public static WebApplication MapConstructionApi(this WebApplication app)
    {
        // The document and its interactive page describe the API, not a store's data: they need no tenant.
        app.MapOpenApi("/api/v1/openapi.json").AllowWithoutTenant();
        app.MapScalarApiReference("/api/v1/docs", o => o.OpenApiRoutePattern = "/api/v1/openapi.json").AllowWithoutTenant();
        app.MapStaticAssets().AllowWithoutTenant();
        app.MapGet("/", () => Results.Redirect("/web/")).AllowWithoutTenant();
        app.MapRazorPages();
        var api = app.MapGroup("/api/v1");
        api.MapCatalog();
        api.MapSales();
        api.MapSupply();
        return app;
    }
}
