using BaseCommerce.Engines.Sales.Consumers;
using BaseCommerce.Engines.Sales.Data;
using BaseCommerce.Engines.Sales.Domain;
using BaseCommerce.Messaging;
using BaseCommerce.ServiceDefaults;
using MassTransit;
using Npgsql;

// The Sales engine: learns the catalogue and the delivered orders from the vertical's events and answers with
// complementary products, substitutes, bundles and customers' purchase patterns, as events.
EngineRuntime.RunSocketCompletionsInline();
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("sales", Schema: "sales"));
builder.Services.AddDbContext<SalesDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<SalesFacts>();
builder.Services.AddScoped<SalesAdvisor>();
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<SalesDb>();
    x.AddBaseCommerceInbox<SalesDb>();
    x.AddConsumerOn<CatalogConsumer>("sales");
    x.AddConsumerOn<SaleConsumer>("sales");
    x.AddConsumerOn<RecomputeConsumer>("sales");
});

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
