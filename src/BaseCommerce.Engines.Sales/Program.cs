using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("sales", Schema: "sales"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
