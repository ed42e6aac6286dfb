using BaseCommerce.Contracts.Orders;
using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Consumers;
using BaseCommerce.Engines.Stock.Data;
using BaseCommerce.Engines.Stock.Domain;
using BaseCommerce.Messaging;
using BaseCommerce.ServiceDefaults;
using MassTransit;
using Npgsql;

// The Stock engine: learns stock on hand, reservations and demand from the vertical's events, and answers with
// alerts, purchase suggestions, ABC classes and per-product figures, as events. It reads no other service's tables.
EngineRuntime.RunSocketCompletionsInline();
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("stock", Schema: "stock"));
builder.Services.AddSingleton<StockAssessor>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<StockAssessor>());
builder.Services.AddSingleton<AssessorWake>();
builder.Services.AddDbContext<StockDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()).AddInterceptors(sp.GetRequiredService<AssessorWake>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<StockFacts>();
builder.Services.AddScoped<StockAdvisor>();
builder.Services.AddScoped<AbcClassifier>();
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<StockDb>();
    x.AddBaseCommerceInbox<StockDb>();
    x.AddConsumerOn<CatalogConsumer>("stock");
    x.AddBatchConsumerOn<LedgerConsumer, StockUpdated>("stock");
    x.AddConsumerOn<ReservationConsumer>("stock");
    x.AddBatchConsumerOn<SaleConsumer, SaleRecorded>("stock");
    x.AddConsumerOn<AlertConsumer>("stock");
    x.AddConsumerOn<RecomputeConsumer>("stock");
    x.AddConsumerOn<SupplierConsumer>("stock");
    x.AddConsumerOn<SettingsConsumer>("stock");
});

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
