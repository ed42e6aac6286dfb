using BaseCommerce.Tenancy.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BaseCommerce.Tenancy;

public static class TenancyExtensions
{
    /// <summary>
    /// Registers the tenant context (scoped), the tenant directory and <see cref="TenancyOptions"/>.
    /// Needs an <c>NpgsqlDataSource</c> in the container.
    /// </summary>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TenancyOptions>().BindConfiguration("Tenancy");
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddScoped<TenantContext>();
        return builder;
    }

    /// <summary>Resolves the tenant of each request. Place after routing and authentication, before authorization.</summary>
    public static IApplicationBuilder UseTenancy(this IApplicationBuilder app) =>
        app.UseMiddleware<TenantResolutionMiddleware>();

    /// <summary>Marks endpoints that serve the platform rather than a store.</summary>
    public static TBuilder AllowWithoutTenant<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowWithoutTenantAttribute());
}
