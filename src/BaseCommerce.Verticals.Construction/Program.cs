using BaseCommerce.Authentication;
using BaseCommerce.ServiceDefaults;
using BaseCommerce.Verticals.Construction;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("construction", Schema: "construction"));
builder.AddBaseCommerceAuthentication();
builder.AddConstruction();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCurrentTenant();
app.MapConstructionApi();

await app.RunServiceAsync();
