extern alias stock;
extern alias sales;
extern alias pricing;
extern alias delivery;
extern alias ops;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using DeliveryDb = delivery::BaseCommerce.Engines.Delivery.Data.DeliveryDb;
using PricingDb = pricing::BaseCommerce.Engines.Pricing.Data.PricingDb;
using SalesDb = sales::BaseCommerce.Engines.Sales.Data.SalesDb;
using StockDb = stock::BaseCommerce.Engines.Stock.Data.StockDb;
using OpsDb = ops::BaseCommerce.Ops.Data.OpsDb;

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

    WebApplicationFactory<OpsDb>? _ops;

    public const string OpsApplicationName = "ops-under-test";

    /// <summary>
    /// The Ops service (the scheduler and its dashboard), started on first use. Hangfire configures process-wide state,
    /// so a test process has one; its workers poll every second here (15 s in production).
    /// </summary>
    public WebApplicationFactory<OpsDb> Ops => _ops ??= StartOps();

    WebApplicationFactory<OpsDb> StartOps()
    {
        var host = new WebApplicationFactory<OpsDb>().WithWebHostBuilder(web =>
        {
            Common(web);
            // Named, so a test can cut this host's connections alone (as a PostgreSQL restart would) and no other host's.
            web.UseSetting("ConnectionStrings:Postgres", Database.AppConnection + ";Application Name=" + OpsApplicationName);
            web.UseSetting("Messaging:KeyPrefix", Prefix);
            web.UseSetting("Scheduler:QueuePollInterval", "00:00:01");
            web.UseSetting("Scheduler:SchedulePollingInterval", "00:00:01");
        });
        _ = host.Server;
        return host;
    }

    /// <summary>Stops the scheduler (its stores' jobs removed first), so no scheduled run reaches the engines of later tests.</summary>
    public async Task StopOpsAsync()
    {
        if (_ops is null)
            return;
        using (var scope = _ops.Services.CreateScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<Hangfire.IRecurringJobManagerV2>();
            using var connection = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>().GetConnection();
            foreach (var job in Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection))
                jobs.RemoveIfExists(job.Id);
        }
        await _ops.DisposeAsync();
        _ops = null;
        // Hangfire logs through a process-wide provider bound to the host's logger factory, now disposed: a Hangfire
        // client made later in this process (another test's) would fail creating its logger.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
    }

    public override async Task DisposeAsync()
    {
        await StopOpsAsync();
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
