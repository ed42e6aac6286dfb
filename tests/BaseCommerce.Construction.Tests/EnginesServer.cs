extern alias stock;
extern alias sales;
extern alias pricing;
extern alias delivery;
using Microsoft.AspNetCore.Mvc.Testing;
using DeliveryDb = delivery::BaseCommerce.Engines.Delivery.Data.DeliveryDb;
using PricingDb = pricing::BaseCommerce.Engines.Pricing.Data.PricingDb;
using SalesDb = sales::BaseCommerce.Engines.Sales.Data.SalesDb;
using StockDb = stock::BaseCommerce.Engines.Stock.Data.StockDb;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// <see cref="ConstructionServer"/> plus the engines as their own hosts on the same database and bus, each with its
/// own schema and consumer group: the vertical's events reach them and their insights come back into the vertical.
/// </summary>
public sealed class EnginesServer : ConstructionServer
{
    protected override string DatabaseName => "bc_test_engines";

    public WebApplicationFactory<StockDb> Stock { get; set; } = null!;
    public WebApplicationFactory<SalesDb> Sales { get; private set; } = null!;
    public WebApplicationFactory<PricingDb> Pricing { get; private set; } = null!;
    public WebApplicationFactory<DeliveryDb> Delivery { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Stock = StartEngine<StockDb>();
        Sales = StartEngine<SalesDb>();
        Pricing = StartEngine<PricingDb>();
        Delivery = StartEngine<DeliveryDb>();
    }

    /// <summary>An engine host, identified by its DbContext (another replica, or a restart after disposing one).</summary>
    public WebApplicationFactory<TEngine> StartEngine<TEngine>() where TEngine : class
    {
        var host = new WebApplicationFactory<TEngine>().WithWebHostBuilder(web =>
        {
            Common(web);
            web.UseSetting("Messaging:KeyPrefix", Prefix);
        });
        _ = host.Server; // start it: its consumers run from now on
        return host;
    }

    public override async Task DisposeAsync()
    {
        await Delivery.DisposeAsync();
        await Pricing.DisposeAsync();
        await Sales.DisposeAsync();
        await Stock.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EnginesCollection : ICollectionFixture<EnginesServer>
{
    public const string Name = "engines";
}
