using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using StackExchange.Redis;

namespace BaseCommerce.Cli.Platform;

/// <summary>
/// The Identity service's admin operations, run by the CLI directly against the database as the service role, with the
/// same code and checks as the service (row-level security included: store work runs as that store).
/// </summary>
internal sealed class IdentityAdmin : IAsyncDisposable
{
    readonly ServiceProvider _services;

    public IdentityAdmin(LocalSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(NpgsqlDataSource.Create(settings.AppConnection("basec-admin")));
        // Disabling a person, resetting a password or revoking a client publishes the revocation for every service.
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(
            new ConfigurationOptions { EndPoints = { settings.RedisConfiguration }, AbortOnConnectFail = false, ConnectTimeout = 2000 }));
        services.AddScoped<TenantContext>();
        services.AddIdentityAccounts();
        _services = services.BuildServiceProvider();
    }

    public Task<T> AsPlatformAsync<T>(Func<IServiceProvider, Task<T>> work) => RunAsync(null, work);

    /// <summary>Runs <paramref name="work"/> as the store <paramref name="slug"/> (which must exist, active or not).</summary>
    public async Task<T> AsStoreAsync<T>(string slug, Func<IServiceProvider, Task<T>> work)
    {
        var store = await AsPlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().FindAsync(slug));
        return await RunAsync(StoreAdmin.ToTenant(store), work);
    }

    public Task SeedDemoAsync() => AsPlatformAsync(async sp => { await sp.GetRequiredService<DemoSeed>().SeedAsync(); return 0; });

    async Task<T> RunAsync<T>(TenantInfo? tenant, Func<IServiceProvider, Task<T>> work)
    {
        using var scope = _services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<TenantContext>();
        if (tenant is null) context.UsePlatform(); else context.Use(tenant);
        try
        {
            return await work(scope.ServiceProvider);
        }
        catch (AccountsException e)
        {
            throw new CliException(e.Message);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new CliException("Redis is not reachable, so the services were not told: the change is saved, but access tokens " +
                $"already issued keep working until they expire (at most 60 min). Run the command again once Redis is up ({e.Message}).");
        }
        catch (NpgsqlException e)
        {
            throw new CliException($"PostgreSQL is not reachable or refused the change ({e.Message}). Is the platform up (basec up)?");
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
