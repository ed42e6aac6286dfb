using BaseCommerce.Authentication;
using BaseCommerce.Brazil;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>
/// The demo data <c>basec up</c> seeds: store <c>demo</c> with its admin and an API client, store <c>acme</c> with
/// its own admin, for trying isolation, and the operators' store <c>plataforma</c> with one operator (operador-admin). Idempotent: what exists is left as it is. Development only; the README lists it.
/// </summary>
public sealed class DemoSeed(IServiceScopeFactory scopes)
{
    public sealed record SeedStore(NewStore Store, string AdminEmail, string AdminName, string AdminPassword, NewClient? ApiClient)
    {
        /// <summary>The seeded person's roles: a store's admin, or the platform's operator.</summary>
        public IReadOnlyList<string> Roles { get; init; } = [StaffRoles.Admin];
    }

    public static readonly SeedStore Demo = new(
        new NewStore("demo", "Casa do Construtor Demo", "11.222.333/0001-81", "Equipe Demo", "contato@demo.local",
            PrimaryColor: "#1f4e79", SecondaryColor: "#f2a900"),
        "admin@demo.local", "Administrador Demo", "Demo@12345",
        new NewClient("demo-api", "Integração de demonstração", ClientTypes.Confidential, [GrantTypes.ClientCredentials],
            [Scopes.Api, Scopes.ApiRead], KnownSecret: "demo-api-secret-dev-only"));

    public static readonly SeedStore Acme = new(
        new NewStore("acme", "Acme Materiais de Construção", "11.444.777/0001-61", "Equipe Acme", "contato@acme.local",
            PrimaryColor: "#7a1f1f", SecondaryColor: "#333333"),
        "admin@acme.local", "Administrador Acme", "Acme@12345", null);

    public static readonly SeedStore Platform = new(
        new NewStore(Operators.StoreSlug, "BaseCommerce Operações", "11.555.777/0001-39", "Operações BaseCommerce", "operacoes@plataforma.local",
            PrimaryColor: "#263238", SecondaryColor: "#4caf50"),
        "operador@plataforma.local", "Operador Demo", "Operador@12345", null) { Roles = [Operators.Admin] };

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var seed in new[] { Demo, Acme, Platform })
            await SeedStoreAsync(seed, ct);
    }

    async Task SeedStoreAsync(SeedStore seed, CancellationToken ct)
    {
        TenantInfo tenant;
        using (var platform = scopes.CreateScope())
        {
            platform.ServiceProvider.GetRequiredService<TenantContext>().UsePlatform();
            var db = platform.ServiceProvider.GetRequiredService<IdentityDb>();
            var store = await db.Stores.SingleOrDefaultAsync(s => s.Slug == seed.Store.Slug, ct);
            if (store is null)
                store = await platform.ServiceProvider.GetRequiredService<StoreAdmin>().CreateAsync(seed.Store, ct);
            else if (store.Cnpj is null)
            {
                // Stores seeded before stores had a profile.
                store.Cnpj = Cnpj.Normalize(seed.Store.Cnpj);
                store.ContactName = seed.Store.ContactName;
                store.ContactEmail = seed.Store.ContactEmail;
                store.PrimaryColor = seed.Store.PrimaryColor!;
                store.SecondaryColor = seed.Store.SecondaryColor!;
                await db.SaveChangesAsync(ct);
            }
            tenant = StoreAdmin.ToTenant(store);
        }

        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
        var tenantDb = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var normalized = seed.AdminEmail.ToUpperInvariant();
        if (!await tenantDb.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
            await scope.ServiceProvider.GetRequiredService<StaffAdmin>().CreateAsync(seed.AdminEmail, seed.AdminName, seed.Roles, seed.AdminPassword, ct);
        if (seed.ApiClient is { } client && !await tenantDb.Applications.AnyAsync(c => c.ClientId == client.ClientId, ct))
            await scope.ServiceProvider.GetRequiredService<ClientAdmin>().CreateAsync(client, ct);
    }
}
