using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("ops", Schema: "ops"));

var app = builder.Build();
// nginx forwards /ops/… unchanged; the path base lets the same routes answer with or without the prefix.
app.UsePathBase("/ops");
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
