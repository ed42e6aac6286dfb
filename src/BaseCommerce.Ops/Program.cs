using BaseCommerce.Authentication;
using BaseCommerce.Messaging;
using BaseCommerce.Ops;
using BaseCommerce.Ops.Dashboard;
using BaseCommerce.Ops.Data;
using BaseCommerce.Ops.Jobs;
using BaseCommerce.ServiceDefaults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

// Ops: the platform's scheduler (Hangfire) and its dashboard for operators. A job opens a store's tenant scope and
// publishes an engine command through this service's outbox; the engines do the work.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("ops", Schema: "ops"));
builder.AddBaseCommerceAuthentication(acceptBearerTokens: false);
builder.Services.AddAuthorization(OperatorDashboard.AddPolicy);
builder.Services.AddAntiforgery();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDbContext<OpsDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<OpsDb>();
    x.AddBaseCommerceInbox<OpsDb>();
    x.AddConsumerOn<StoreScheduleConsumer>("ops");
});
builder.AddScheduler();

var app = builder.Build();
// nginx forwards /ops/… unchanged; the path base lets the same routes answer with or without the prefix.
app.UsePathBase("/ops");
app.UseRequestLocalization("pt-BR");
app.UseServiceDefaults();
app.UseOperatorDashboardErrors();
app.MapDefaultEndpoints();
app.MapOperatorDashboard();

await app.RunServiceAsync();

