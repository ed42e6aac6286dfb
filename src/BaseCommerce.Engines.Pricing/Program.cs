using BaseCommerce.Engines.Pricing.Consumers;
using BaseCommerce.Engines.Pricing.Data;
using BaseCommerce.Engines.Pricing.Domain;
using BaseCommerce.Messaging;
using BaseCommerce.ServiceDefaults;
using MassTransit;
using Npgsql;

// The Pricing engine: learns supplier prices and sale prices from the vertical's events and answers with supplier
// comparisons, the best supplier, price alerts and suggested sale prices, as events.
EngineRuntime.RunSocketCompletionsInline();
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("pricing", Schema: "pricing"));
builder.Services.AddDbContext<PricingDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<PricingAdvisor>();
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<PricingDb>();
    x.AddBaseCommerceInbox<PricingDb>();
    x.AddConsumerOn<PricingConsumer>("pricing");
});

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
