using BaseCommerce.Engines.Delivery.Consumers;
using BaseCommerce.Engines.Delivery.Data;
using BaseCommerce.Engines.Delivery.Domain;
using BaseCommerce.Messaging;
using BaseCommerce.ServiceDefaults;
using MassTransit;
using Npgsql;

// The Delivery engine: learns orders, sites, weights and the store's vehicles from events, plans each day's routes
// and tracks them from what drivers record, answering with events.
EngineRuntime.RunSocketCompletionsInline();
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("delivery", Schema: "delivery"));
builder.Services.AddDbContext<DeliveryDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddScoped<DeliveryAdvisor>();
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<DeliveryDb>();
    x.AddBaseCommerceInbox<DeliveryDb>();
    x.AddConsumerOn<FactsConsumer>("delivery");
    x.AddConsumerOn<TrackingConsumer>("delivery");
});

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
