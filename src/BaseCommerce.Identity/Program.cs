using BaseCommerce.Authentication;
using BaseCommerce.Identity;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Maintenance;
using BaseCommerce.Identity.Server;
using BaseCommerce.Messaging;
using BaseCommerce.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceInfo("identity", Schema: "identity"));
// Identity validates its own tokens with its key ring; it needs only the session cookie from the shared scheme.
builder.AddBaseCommerceAuthentication(acceptBearerTokens: false);
builder.Services.AddIdentityAccounts();
builder.Services.AddOidcServer();
builder.Services.AddStoreOpenIddict(builder.Configuration);
builder.Services.AddRazorPages();
builder.Services.AddBaseCommerceMessaging(builder.Configuration, x =>
{
    x.AddBaseCommerceOutbox<IdentityDb>();
    x.AddBaseCommerceInbox<IdentityDb>();
    // The scheduler's commands to Identity.
    x.AddConsumerOn<ExpiredGrantsConsumer>("identity-commands");
});

var app = builder.Build();
// nginx terminates TLS and says so in X-Forwarded-Proto: OpenIddict refuses plain HTTP when the platform runs on HTTPS,
// and builds its discovery URLs from the request's scheme. Only the proxies ASP.NET Core trusts by default (loopback).
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto });
// nginx forwards /auth/… unchanged; the path base lets the same routes answer with or without the prefix.
app.UsePathBase("/auth");
// Rates are limited, and the store resolved, before authentication, where OpenIddict answers its endpoints (and
// authenticates clients: unthrottled, secret guessing would be free).
app.UseServiceDefaults(beforeAuthentication: a =>
{
    a.UseRateLimiter();
    a.UseMiddleware<StoreFirstMiddleware>();
});
app.MapDefaultEndpoints();
app.MapOidcEndpoints();
app.MapRazorPages();

await app.RunServiceAsync();

