extern alias identity;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Messaging;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using IdentityOptions = identity::BaseCommerce.Identity.IdentityServerOptions;
using SigningKeyRing = identity::BaseCommerce.Identity.Keys.SigningKeyRing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The Construction host on a fresh database, its bus on the test Redis under a prefix of its own, the Identity host on
/// a loopback port (it signs the tokens; Construction fetches its JWKS over HTTP), and a listener bus that records every
/// event Construction publishes, as an engine would receive it.
/// </summary>
public class ConstructionServer : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public int IdentityPort { get; } = LoopbackPorts.Free();
    public string Prefix { get; } = TestSettings.NewRedisPrefix();
    public WebApplicationFactory<IdentityOptions> Identity { get; private set; } = null!;
    public WebApplicationFactory<Verticals.Construction.Data.ConstructionDb> Construction { get; private set; } = null!;
    public Events Events { get; } = new();
    IHost _listener = null!;

    /// <summary>One database per fixture class: fixtures of different collections run side by side.</summary>
    protected virtual string DatabaseName => "bc_test_construction";

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseName);
        Identity = new WebApplicationFactory<IdentityOptions>().WithWebHostBuilder(web =>
        {
            Common(web);
            web.UseSetting("Messaging:KeyPrefix", Prefix);
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{IdentityPort}");
        });
        Identity.UseKestrel();
        Identity.StartServer();
        Construction = new WebApplicationFactory<Verticals.Construction.Data.ConstructionDb>().WithWebHostBuilder(web =>
        {
            Common(web);
            web.UseSetting("Messaging:KeyPrefix", Prefix);
        });
        _ = Construction.Server; // start it: its outbox delivery runs from now on

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(Events);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(Database.AppConnection));
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = TestSettings.Redis;
            o.KeyPrefix = Prefix;
            o.Endpoint = e => e.PollingInterval = TimeSpan.FromMilliseconds(200);
            // The recorder watches raw delivery of the vertical's events.
            o.AllowEndpointsWithoutInbox = true;
        }, x => x.AddConsumer<EventRecorder>());
        _listener = builder.Build();
        await _listener.StartAsync();
    }

    protected void Common(IWebHostBuilder web)
    {
        web.UseSetting("ConnectionStrings:Postgres", Database.AppConnection);
        web.UseSetting("ConnectionStrings:Redis", TestSettings.Redis);
        web.UseSetting("Migrations:ApplyOnStart", "false");
        web.UseSetting("Auth:IssuerTemplate", "http://{slug}.localhost:" + IdentityPort + "/auth");
        web.UseSetting("Auth:Authority", $"http://127.0.0.1:{IdentityPort}/auth");
        web.UseSetting("Auth:JwksMinRefreshSeconds", "0");
    }

    /// <summary>
    /// Another Construction host on the same database and bus, on a real Kestrel socket at <paramref name="port"/>: for nginx
    /// in front of it, and for what only a real server enforces (its request body limit).
    /// </summary>
    public WebApplicationFactory<Verticals.Construction.Data.ConstructionDb> StartKestrelConstruction(int port)
    {
        var host = new WebApplicationFactory<Verticals.Construction.Data.ConstructionDb>().WithWebHostBuilder(web =>
        {
            Common(web);
            web.UseSetting("Messaging:KeyPrefix", Prefix);
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{port}");
        });
        host.UseKestrel();
        host.StartServer();
        return host;
    }

    /// <summary>A new store, registered as the Identity CLI would.</summary>
    public async Task<TenantInfo> CreateStoreAsync(string prefix)
    {
        var slug = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        using var scope = Identity.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatform();
        var store = await scope.ServiceProvider.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore(slug, "Loja " + slug, TestDocuments.Cnpj()));
        return StoreAdmin.ToTenant(store);
    }

    /// <summary>
    /// An access token for a staff member with <paramref name="roles"/>, shaped as the code flow issues it and signed with
    /// Identity's current key: these tests are about what the API does with a valid token, not about getting one.
    /// </summary>
    public Task<string> StaffTokenAsync(TenantInfo tenant, params string[] roles) => SignAsync(tenant, new Dictionary<string, object>
    {
        ["sub"] = Guid.NewGuid().ToString(), ["client_id"] = "web-ui", ["scope"] = $"{Scopes.OpenId} {Scopes.Api}",
        ["role"] = roles, ["name"] = "Pessoa", ["email"] = "pessoa@loja.test", ["sid"] = Guid.NewGuid().ToString(),
    });

    /// <summary>A client_credentials token of a third-party integration with <paramref name="scopes"/>.</summary>
    public Task<string> ClientTokenAsync(TenantInfo tenant, params string[] scopes) => SignAsync(tenant, new Dictionary<string, object>
    {
        ["sub"] = "integracao", ["client_id"] = "integracao", ["scope"] = string.Join(' ', scopes),
    });

    async Task<string> SignAsync(TenantInfo tenant, Dictionary<string, object> claims)
    {
        // The ring's signing key, made now if this database has none yet (the rotation service may not have run).
        var signing = await Identity.Services.GetRequiredService<SigningKeyRing>().SigningCredentialsAsync();
        var auth = Identity.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        claims["jti"] = Guid.NewGuid().ToString("N");
        claims["tenant_id"] = tenant.Id.ToString();
        claims["tenant_slug"] = tenant.Slug;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.IssuerFor(tenant.Slug),
            Audience = auth.Audience,
            TokenType = AuthenticationRegistration.AccessTokenType,
            Expires = DateTime.UtcNow.AddMinutes(15),
            Claims = claims,
            SigningCredentials = signing,
        });
    }

    public HttpClient Client(TenantInfo tenant, string token)
    {
        var client = Construction.CreateClient();
        client.DefaultRequestHeaders.Add("X-Tenant-Slug", tenant.Slug);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public virtual async Task DisposeAsync()
    {
        await _listener.StopAsync();
        _listener.Dispose();
        await Construction.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

/// <summary>Every event the listener bus received, with the tenant header it carried.</summary>
public sealed class Events
{
    public ConcurrentQueue<(object Message, Guid? Tenant)> Received { get; } = new();

    public IReadOnlyList<T> Of<T>() where T : class => [.. Received.Select(r => r.Message).OfType<T>()];

    public async Task<T> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null) where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            if (Of<T>().FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {typeof(T).Name} matching arrived in time.");
    }
}

/// <summary>Records every Construction event type: one consumer, one queue, like an engine subscribing to the vertical.</summary>
public sealed class EventRecorder(Events events, TenantContext tenant) :
    IConsumer<Contracts.Customers.CustomerRegistered>, IConsumer<Contracts.Catalog.ProductRegistered>, IConsumer<Contracts.Catalog.ProductPriceUpdated>,
    IConsumer<Contracts.Quotes.QuoteCreated>, IConsumer<Contracts.Quotes.QuoteSent>, IConsumer<Contracts.Quotes.QuoteApproved>,
    IConsumer<Contracts.Quotes.QuoteCancelled>, IConsumer<Contracts.Quotes.QuoteConverted>, IConsumer<Contracts.Orders.OrderCreated>,
    IConsumer<Contracts.Orders.OrderStatusChanged>, IConsumer<Contracts.Orders.OrderCancelled>, IConsumer<Contracts.Orders.SaleRecorded>,
    IConsumer<Contracts.Suppliers.SupplierPriceRegistered>, IConsumer<Contracts.Stock.StockReceived>, IConsumer<Contracts.Stock.StockAdjusted>,
    IConsumer<Contracts.Stock.StockUpdated>, IConsumer<Contracts.Delivery.DeliveryStarted>, IConsumer<Contracts.Delivery.DeliveryCompleted>,
    IConsumer<Contracts.Stock.StockAlertAcknowledged>
{
    Task Record(object message)
    {
        events.Received.Enqueue((message, tenant.Tenant?.Id));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<Contracts.Customers.CustomerRegistered> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Catalog.ProductRegistered> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Catalog.ProductPriceUpdated> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Quotes.QuoteCreated> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Quotes.QuoteSent> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Quotes.QuoteApproved> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Quotes.QuoteCancelled> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Quotes.QuoteConverted> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Orders.OrderCreated> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Orders.OrderStatusChanged> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Orders.OrderCancelled> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Orders.SaleRecorded> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Suppliers.SupplierPriceRegistered> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Stock.StockReceived> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Stock.StockAdjusted> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Stock.StockUpdated> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Delivery.DeliveryStarted> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Delivery.DeliveryCompleted> c) => Record(c.Message);
    public Task Consume(ConsumeContext<Contracts.Stock.StockAlertAcknowledged> c) => Record(c.Message);
}

[CollectionDefinition(Name)]
public sealed class ConstructionCollection : ICollectionFixture<ConstructionServer>
{
    public const string Name = "construction server";
}
