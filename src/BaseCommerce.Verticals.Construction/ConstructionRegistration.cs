using System.Text.Json;
using System.Text.Json.Serialization;
using BaseCommerce.Messaging;
using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Data;
using BaseCommerce.Verticals.Construction.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddAuthorization(Permissions.Add);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });

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
        var api = app.MapGroup("/api/v1");
        api.MapCatalog();
        api.MapSales();
        return app;
    }
}
