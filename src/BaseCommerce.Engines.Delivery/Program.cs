using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("delivery", Schema: "delivery"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
