using BaseCommerce.Authentication;
using BaseCommerce.Identity;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Maintenance;
using BaseCommerce.Messaging;
using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("identity", Schema: "identity"));
// Identity validates its own tokens with its key ring; it needs only the session cookie from the shared scheme.
builder.AddBaseCommerceAuthentication(acceptBearerTokens: false);
builder.Services.AddIdentityAccounts();
builder.Services.AddOidcServer();
builder.Services.AddRazorPages();
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<IdentityDb>();
    x.AddBaseCommerceInbox<IdentityDb>();
    // The scheduler's commands to Identity.
    x.AddConsumerOn<ExpiredGrantsConsumer>("identity-commands");
});

var app = builder.Build();
// nginx forwards /auth/… unchanged; the path base lets the same routes answer with or without the prefix.
app.UsePathBase("/auth");
app.UseServiceDefaults();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapOidcEndpoints();
app.MapRazorPages();

await app.RunServiceAsync();

