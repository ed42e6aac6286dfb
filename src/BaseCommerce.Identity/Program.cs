using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("identity", Schema: "identity"));

var app = builder.Build();
// nginx forwards /auth/… unchanged; the path base lets the same routes answer with or without the prefix.
app.UsePathBase("/auth");
app.UseServiceDefaults();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
