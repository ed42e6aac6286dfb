using BaseCommerce.Authentication;
using BaseCommerce.Brazil;
using System.Net;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>Stores, staff and clients as the admin commands create them, against the real database.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountsTests(IdentityServer server)
{
    [Theory]
    [InlineData("11.222.333/0001-81", "11222333000181")]
    [InlineData("11444777000161", "11444777000161")]
    [InlineData("11.222.333/0001-82", null)]
    [InlineData("11111111111111", null)]
    [InlineData("1122233300018", null)]
    [InlineData("11a22233300018", null)]
    public void Cnpj_IsCheckedByItsDigits(string input, string? expected) => Cnpj.Normalize(input).ShouldBe(expected);

    [Theory]
    [InlineData("www", "reservado")]
    [InlineData("Ab", "inválido")]
    [InlineData("-loja", "inválido")]
    public async Task StoreSlugs_ThatAreReservedOrMalformed_AreRefused(string slug, string message)
    {
        var error = await Should.ThrowAsync<AccountsException>(() =>
            server.PlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore(slug, "Loja", Testing.TestDocuments.Cnpj()))));
        error.Message.ShouldContain(message);
    }

    [Fact]
    public async Task AStoreWithAnInvalidOrTakenCnpj_IsRefused()
    {
        (await Should.ThrowAsync<AccountsException>(() => server.PlatformAsync(sp =>
            sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore("cnpj-ruim-" + Guid.NewGuid().ToString("N")[..6], "Loja", "11.222.333/0001-00")))))
            .Message.ShouldContain("CNPJ");
        var cnpj = Testing.TestDocuments.Cnpj();
        await server.PlatformAsync(sp => sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore("cnpj-a-" + Guid.NewGuid().ToString("N")[..6], "Loja", cnpj)));
        (await Should.ThrowAsync<AccountsException>(() => server.PlatformAsync(sp =>
            sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore("cnpj-b-" + Guid.NewGuid().ToString("N")[..6], "Loja", cnpj)))))
            .Message.ShouldContain("CNPJ");
    }

    [Fact]
    public async Task AnEmail_IsUniqueWithinAStore_ButMayWorkForTwoStores()
    {
        var email = "pessoa-" + Guid.NewGuid().ToString("N")[..6] + "@x.test";
        await server.AsStoreAsync(server.StoreA.Tenant, sp => sp.GetRequiredService<StaffAdmin>().CreateAsync(email, "Pessoa", [StaffRoles.Vendedor], "Senha@1234"));
        await server.AsStoreAsync(server.StoreB.Tenant, sp => sp.GetRequiredService<StaffAdmin>().CreateAsync(email, "Pessoa", [StaffRoles.Vendedor], "Senha@1234"));
        (await Should.ThrowAsync<AccountsException>(() => server.AsStoreAsync(server.StoreA.Tenant, sp =>
            sp.GetRequiredService<StaffAdmin>().CreateAsync(email.ToUpperInvariant(), "Outra", [StaffRoles.Admin], "Senha@1234"))))
            .Message.ShouldContain("Já existe");

        // The database constraint holds even when the application check is bypassed.
        await using var c = new NpgsqlConnection(server.Database.OwnerConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            SELECT set_config('app.tenant_id', '{server.StoreA.Tenant.Id}', false);
            INSERT INTO identity.users (tenant_id, email, normalized_email, name, roles, security_stamp, concurrency_stamp)
            VALUES ('{server.StoreA.Tenant.Id}', '{email}', '{email.ToUpperInvariant()}', 'X', ARRAY['admin'], 's', 'c');
            """, c);
        (await Should.ThrowAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync())).SqlState.ShouldBe("23505");
    }

    [Fact]
    public async Task BadStaffInput_IsRefusedInPortuguese()
    {
        var admin = (Func<IServiceProvider, Task<StaffUser>> f) => server.AsStoreAsync(server.StoreA.Tenant, f);
        (await Should.ThrowAsync<AccountsException>(() => admin(sp => sp.GetRequiredService<StaffAdmin>().CreateAsync("curta@x.test", "P", [StaffRoles.Vendedor], "Ab1"))))
            .Message.ShouldContain("pelo menos 8 caracteres");
        (await Should.ThrowAsync<AccountsException>(() => admin(sp => sp.GetRequiredService<StaffAdmin>().CreateAsync("papel@x.test", "P", ["gerente"], "Senha@1234"))))
            .Message.ShouldContain("Papéis inválidos");
        (await Should.ThrowAsync<AccountsException>(() => admin(sp => sp.GetRequiredService<StaffAdmin>().CreateAsync("sem-arroba", "P", [StaffRoles.Vendedor], "Senha@1234"))))
            .Message.ShouldContain("inválido");
    }

    [Fact]
    public async Task Clients_AreValidated_AndAConfidentialSecretIsStoredOnlyHashed()
    {
        var clients = (Func<IServiceProvider, Task<CreatedClient>> f) => server.AsStoreAsync(server.StoreA.Tenant, f);
        (await Should.ThrowAsync<AccountsException>(() => clients(sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient("publico-cc", "P", ClientTypes.Public, [GrantTypes.ClientCredentials], [Scopes.Api])))))
            .Message.ShouldContain("público");
        (await Should.ThrowAsync<AccountsException>(() => clients(sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient("sem-redirect", "P", ClientTypes.Public, [GrantTypes.AuthorizationCode], [Scopes.OpenId])))))
            .Message.ShouldContain("redirecionamento");
        (await Should.ThrowAsync<AccountsException>(() => clients(sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient("http-externo", "P", ClientTypes.Public, [GrantTypes.AuthorizationCode], [Scopes.OpenId], ["http://example.com/cb"])))))
            .Message.ShouldContain("https");

        var created = await clients(sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient("hash-" + Guid.NewGuid().ToString("N")[..6], "P", ClientTypes.Confidential, [GrantTypes.ClientCredentials], [Scopes.ApiRead])));
        created.Secret.ShouldNotBeNullOrEmpty();
        // Stored as OpenIddict's hash (PBKDF2), never as the secret itself; the manager recognises the secret.
        await server.AsStoreAsync(server.StoreA.Tenant, async sp =>
        {
            var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                sp.GetRequiredService<IdentityDb>().Applications, a => a.ClientId == created.Client.ClientId);
            row.ClientSecret.ShouldNotBeNull().ShouldNotContain(created.Secret!);
            var applications = sp.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
            (await applications.ValidateClientSecretAsync(row, created.Secret!)).ShouldBeTrue();
            (await applications.ValidateClientSecretAsync(row, created.Secret! + "x")).ShouldBeFalse();
            return 0;
        });
    }

    [Fact]
    public async Task TenantJson_GivesTheBrandingOfTheHostsStore()
    {
        var body = await Flows.JsonAsync(await server.Browser().GetAsync(server.BaseOf(server.StoreA.Slug) + "/auth/tenant.json"), HttpStatusCode.OK);
        body.GetProperty("slug").GetString().ShouldBe(server.StoreA.Slug);
        body.GetProperty("cor_primaria").GetString().ShouldBe("#1f4e79");
        (await server.Browser().GetAsync($"http://nao-existe-loja.localhost:{server.Port}/auth/tenant.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
