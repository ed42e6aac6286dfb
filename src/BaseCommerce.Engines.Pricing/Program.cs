using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("pricing", Schema: "pricing"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
