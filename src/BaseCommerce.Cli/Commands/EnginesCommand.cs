using BaseCommerce.Cli.Platform;
using BaseCommerce.Contracts.Stock;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Messaging;
using BaseCommerce.Messaging.Tenancy;
using BaseCommerce.Tenancy;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec engines recompute &lt;engine&gt; [--store S]</c>: sends the engine its recompute commands for one store or every
/// active one, on the bus like the scheduler does, so the engine recomputes from the facts it keeps (after a formula change).
/// </summary>
internal static class EnginesCommand
{
    public static readonly string[] Engines = ["stock", "sales", "pricing", "delivery"];

    public static async Task<int> RecomputeAsync(LocalSettings settings, string engine, string? store, string prefix, CancellationToken ct)
    {
        if (!Engines.Contains(engine))
            throw new CliException($"Unknown engine '{engine}': use {string.Join(", ", Engines)}.");
        IReadOnlyList<TenantInfo> stores;
        await using (var admin = new IdentityAdmin(settings))
        {
            var all = await admin.AsPlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().ListAsync());
            stores = [.. all.Where(s => s.Active && (store is null || s.Slug == store)).Select(StoreAdmin.ToTenant)];
        }
        if (stores.Count == 0)
            throw new CliException(store is null ? "No active store." : $"No active store '{store}' (see: basec tenants list).");

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddBaseCommerceMessaging(o =>
        {
            o.RedisConfiguration = settings.RedisConfiguration;
            o.KeyPrefix = prefix;
        }, _ => { });
        using var host = builder.Build();
        await host.StartAsync(ct);
        var bus = host.Services.GetRequiredService<IBus>();
        foreach (var tenant in stores)
        {
            var correlation = NewId.NextGuid();
            Action<PublishContext> Stamp = c =>
            {
                c.Headers.Set(TenantHeaders.TenantId, tenant.Id.ToString("D"));
                c.Headers.Set(TenantHeaders.TenantSlug, tenant.Slug);
            };
            foreach (var command in Commands(engine, tenant.Id, correlation))
                await bus.Publish(command, Stamp, ct);
            AnsiConsole.MarkupLineInterpolated($"[green]{engine}[/]: recompute sent for [bold]{tenant.Slug}[/] (correlation {correlation}).");
        }
        await host.StopAsync(ct);
        return 0;
    }

    static IEnumerable<object> Commands(string engine, Guid tenant, Guid correlation) => engine switch
    {
        "stock" => [new RecomputeAbc(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, correlation, "basec"),
                    new RecomputeStock(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, correlation, "basec")],
        "sales" => [new Contracts.Sales.RecomputeSales(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, correlation, "basec")],
        "pricing" => [new Contracts.Pricing.RefreshPricing(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, correlation, "basec")],
        // Today's routes in the stores' default time zone (America/Sao_Paulo, UTC−3).
        "delivery" => [new Contracts.Delivery.PlanRoutes(tenant, NewId.NextGuid(), DateTimeOffset.UtcNow, correlation,
            DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-3)).DateTime), "basec")],
        _ => [],
    };
}
