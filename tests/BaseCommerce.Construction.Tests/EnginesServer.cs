extern alias stock;
using Microsoft.AspNetCore.Mvc.Testing;
using StockDb = stock::BaseCommerce.Engines.Stock.Data.StockDb;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// <see cref="ConstructionServer"/> plus the engines as their own hosts on the same database and bus, each with its
/// own schema and consumer group: the vertical's events reach them and their insights come back into the vertical.
/// </summary>
public sealed class EnginesServer : ConstructionServer
{
    protected override string DatabaseName => "bc_test_engines";

    public WebApplicationFactory<StockDb> Stock { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Stock = StartStock();
    }

    /// <summary>A Stock engine host (another replica, or a restart after <see cref="WebApplicationFactory{T}.DisposeAsync"/>).</summary>
    public WebApplicationFactory<StockDb> StartStock()
    {
        var host = new WebApplicationFactory<StockDb>().WithWebHostBuilder(web =>
        {
            Common(web);
            web.UseSetting("Messaging:KeyPrefix", Prefix);
        });
        _ = host.Server; // start it: its consumers run from now on
        return host;
    }

    public override async Task DisposeAsync()
    {
        await Stock.DisposeAsync();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EnginesCollection : ICollectionFixture<EnginesServer>
{
    public const string Name = "engines";
}
