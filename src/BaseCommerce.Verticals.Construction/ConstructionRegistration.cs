using MassTransit;
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
        services.AddScoped<StockLedger>();
        services.AddScoped<OrderDeliveries>();
        services.AddScoped<DeliveryCommands>();
        services.AddScoped<SettingsCommands>();
        services.AddScoped<Insights.InsightCommands>();
        services.AddScoped<Web.QuoteWizard>();
        services.AddScoped<Web.StoreBrand>();
        services.AddRazorPages().AddMvcOptions(o => o.Filters.Add(new Web.WebTextFilter()));
        // HTMX sends the antiforgery token as this header (set on <body hx-headers>); forms send the usual field.
        services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthorization(Permissions.Add);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
            o.SerializerOptions.Converters.Add(new PlainDecimalConverter());
        });
        // A body that cannot be read (malformed JSON, a wrong type, no body, another content type) throws in every
        // environment, so ProblemExceptionHandler answers it as problem details naming the field, never an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", OpenApiDocumentation.Configure);

        services.AddBaseCommerceMessaging(builder.Configuration, x =>
        {
            x.AddBaseCommerceOutbox<ConstructionDb>();
            x.AddBaseCommerceInbox<ConstructionDb>();
            // What engines tell the vertical arrives on one endpoint of its own.
            x.AddConsumerOn<Insights.StockInsightsProjection>("construction-insights");
            x.AddBatchConsumerOn<Insights.StockFiguresProjection, BaseCommerce.Contracts.Stock.StockInsightUpdated>("construction-insights");
            x.AddBatchConsumerOn<Insights.StockAlertsProjection, BaseCommerce.Contracts.Stock.StockAlertRaised>("construction-insights");
            x.AddBatchConsumerOn<Insights.ReplenishmentProjection, BaseCommerce.Contracts.Stock.ReplenishmentSuggested>("construction-insights");
            x.AddConsumerOn<Insights.SalesInsightsProjection>("construction-insights");
            x.AddConsumerOn<Insights.PricingInsightsProjection>("construction-insights");
            x.AddConsumerOn<Insights.DeliveryInsightsProjection>("construction-insights");
            // The scheduler's commands to the vertical.
            x.AddConsumerOn<Web.StaleDraftsConsumer>("construction-commands");
        });
        return builder;
    }

    public static WebApplication MapConstructionApi(this WebApplication app)
    {
        // The document and its interactive page describe the API, not a store's data: they need no tenant.
        app.MapOpenApi("/api/v1/openapi.json").AllowWithoutTenant();
        app.MapScalarApiReference("/api/v1/docs", o => o.OpenApiRoutePattern = "/api/v1/openapi.json").AllowWithoutTenant();
        app.MapStaticAssets().AllowWithoutTenant();
        app.MapGet("/", () => Results.Redirect("/web/")).AllowWithoutTenant().ExcludeFromDescription();
        app.MapRazorPages();
        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilterFactory(QueryTextFilter.Create);
        api.MapCatalog();
        api.MapSales();
        api.MapSupply();
        api.MapInsights();
        api.MapSalesInsights();
        api.MapPricingInsights();
        api.MapDeliveries();
        api.MapRouteInsights();
        api.MapSettings();
        return app;
    }
}
