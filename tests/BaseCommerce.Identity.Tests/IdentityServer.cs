extern alias construction;
using BaseCommerce.Authentication;
using System.Net;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BaseCommerce.Identity.Tests;

/// <summary>A store the tests use: its admin, a confidential API client and a first-party web client.</summary>
public sealed record TestStore(TenantInfo Tenant, string AdminEmail, string AdminPassword, string ApiClientId, string ApiSecret,
    string WebClientId, string WebSecret, string RedirectUri)
{
    public string Slug => Tenant.Slug;
}

/// <summary>
/// The Identity host on a real loopback port (Kestrel), on a fresh database, with two stores; and a Construction host
/// that validates its tokens with the shared validation, fetching the JWKS over HTTP like any service.
/// </summary>
public sealed class IdentityServer : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public int Port { get; } = LoopbackPorts.Free();
    public WebApplicationFactory<IdentityServerOptions> Identity { get; private set; } = null!;
    public WebApplicationFactory<construction::Program> Construction { get; private set; } = null!;
    public TestStore StoreA { get; private set; } = null!;
    public TestStore StoreB { get; private set; } = null!;

    public const string RedirectUri = "http://app.localhost/callback";

    public string IssuerOf(string slug) => $"http://{slug}.localhost:{Port}/auth";
    public string BaseOf(string slug) => $"http://{slug}.localhost:{Port}";

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("bc_test_identity");
        Identity = StartIdentity(Port);
        Identity.StartServer();
        Construction = new WebApplicationFactory<construction::Program>().WithWebHostBuilder(web => Configure(web, Port));
        StoreA = await CreateStoreAsync("loja-a");
        StoreB = await CreateStoreAsync("loja-b");
    }

    /// <summary>Another Identity host on the same database (a second replica, or one with other settings).</summary>
    public WebApplicationFactory<IdentityServerOptions> StartIdentity(int port, Action<IWebHostBuilder>? configure = null)
    {
        var factory = new WebApplicationFactory<IdentityServerOptions>().WithWebHostBuilder(web =>
        {
            Configure(web, port);
            // UseKestrel(port) alone is ignored by a factory made with WithWebHostBuilder; the URLs setting is not.
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
            configure?.Invoke(web);
        });
        factory.UseKestrel();
        return factory;
    }

    void Configure(IWebHostBuilder web, int port)
    {
        web.UseSetting("ConnectionStrings:Postgres", Database.AppConnection);
        web.UseSetting("ConnectionStrings:Redis", TestSettings.Redis);
        web.UseSetting("Migrations:ApplyOnStart", "false");
        web.UseSetting("Auth:IssuerTemplate", "http://{slug}.localhost:" + port + "/auth");
        web.UseSetting("Auth:Authority", $"http://127.0.0.1:{Port}/auth");
        web.UseSetting("Auth:JwksMinRefreshSeconds", "0");
        web.UseSetting("IdentityServer:LoginPermitsPerMinute", "10000");
        web.UseSetting("IdentityServer:TokenPermitsPerMinute", "10000");
    }

    public async Task<TestStore> CreateStoreAsync(string prefix, bool firstPartyWeb = true)
    {
        var slug = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        var password = "Senha@1" + Guid.NewGuid().ToString("N")[..8]; // a digit always: the policy asks for one
        var store = await PlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore(slug, "Loja " + slug, TestDocuments.Cnpj())));
        var tenant = StoreAdmin.ToTenant(store);
        var (api, web) = await AsStoreAsync(tenant, async sp =>
        {
            await sp.GetRequiredService<StaffAdmin>().CreateAsync("admin@" + slug + ".test", "Admin " + slug, [StaffRoles.Admin], password);
            var clients = sp.GetRequiredService<ClientAdmin>();
            var api = await clients.CreateAsync(new NewClient("api-" + slug, "API", ClientTypes.Confidential, [GrantTypes.ClientCredentials], [Scopes.Api, Scopes.ApiRead, Scopes.Ops]));
            var web = await clients.CreateAsync(new NewClient("web-" + slug, "Aplicativo", ClientTypes.Confidential,
                [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken], [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, Scopes.Api],
                [RedirectUri], [RedirectUri + "/logout"], FirstParty: firstPartyWeb));
            return (api, web);
        });
        return new TestStore(tenant, "admin@" + slug + ".test", password, api.Client.ClientId, api.Secret!, web.Client.ClientId, web.Secret!, RedirectUri);
    }

    public async Task<T> PlatformAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Identity.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatform();
        return await work(scope.ServiceProvider);
    }

    public async Task<T> AsStoreAsync<T>(TenantInfo tenant, Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Identity.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
        return await work(scope.ServiceProvider);
    }

    /// <summary>A client to the Identity host that keeps cookies per store host, like a browser.</summary>
    public HttpClient Browser(CookieContainer? cookies = null) => LocalhostHttp.Client(cookies ?? new CookieContainer());

    public async Task DisposeAsync()
    {
        await Construction.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityServer>
{
    public const string Name = "identity server";
}
