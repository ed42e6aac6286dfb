using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Identity.Accounts.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BaseCommerce.Identity.Accounts;

public static class AccountsRegistration
{
    /// <summary>
    /// The identity schema's DbContext, ASP.NET Core Identity over it (password rules, lockout) and the admin operations.
    /// Needs an <see cref="NpgsqlDataSource"/>, a scoped <c>TenantContext</c> and a Redis <c>IConnectionMultiplexer</c> (revocations
    /// are published there) in the container.
    /// </summary>
    public static IServiceCollection AddIdentityAccounts(this IServiceCollection services)
    {
        services.AddDbContext<IdentityDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddUserStore<StaffUserStore>()
            .AddErrorDescriber<PortugueseIdentityErrors>();
        // OpenIddict's clients, grants and tokens in IdentityDb (the CLI manages clients through the same managers).
        services.AddOpenIddict().AddCore(o =>
        {
            o.UseEntityFrameworkCore().UseDbContext<IdentityDb>()
                .ReplaceDefaultEntities<StoreApplication, StoreAuthorization, StoreScope, StoreToken, Guid>();
            o.ReplaceApplicationManager<StoreApplication, StoreApplicationManager>();
        });
        services.AddRevocationStream();
        services.AddScoped<GrantRevocation>();
        services.AddScoped<StoreAdmin>();
        services.AddScoped<StaffAdmin>();
        services.AddScoped<ClientAdmin>();
        services.AddScoped<DemoSeed>();
        return services;
    }
}
