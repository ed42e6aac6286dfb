extern alias cli;

using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using cli::BaseCommerce.Cli;
using cli::BaseCommerce.Cli.Platform;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Edge;

/// <summary><c>basec tenants|users|clients</c> and the demo seed, through the CLI's admin access to the database.</summary>
[Collection(PlatformDatabaseCollection.Name)]
public sealed class CliIdentityAdminTests(PlatformDatabase fixture)
{
    LocalSettings Settings()
    {
        var admin = new NpgsqlConnectionStringBuilder(Testing.TestSettings.AdminConnection);
        return LocalSettings.FromEnvironment() with
        {
            PostgresPort = admin.Port, Database = fixture.Database.Name,
            AppPassword = Testing.TestSettings.AppPassword, OwnerPassword = Testing.TestSettings.OwnerPassword,
        };
    }

    [Fact]
    public async Task TheDemoSeed_IsIdempotent_AndGivesEachStoreItsAdmin()
    {
        await using var admin = new IdentityAdmin(Settings());
        await admin.SeedDemoAsync();
        await admin.SeedDemoAsync();

        var demoStaff = await admin.AsStoreAsync("demo", sp => sp.GetRequiredService<StaffAdmin>().ListAsync());
        demoStaff.Select(u => u.Email).ShouldBe(["admin@demo.local"]);
        var acmeStaff = await admin.AsStoreAsync("acme", sp => sp.GetRequiredService<StaffAdmin>().ListAsync());
        acmeStaff.Select(u => u.Email).ShouldBe(["admin@acme.local"]);
        var demoClients = await admin.AsStoreAsync("demo", sp => sp.GetRequiredService<ClientAdmin>().ListAsync());
        demoClients.Single().ClientId.ShouldBe("demo-api");
        (await admin.AsStoreAsync("demo", async sp =>
        {
            var applications = sp.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>();
            return await applications.ValidateClientSecretAsync((await applications.FindByClientIdAsync("demo-api"))!, "demo-api-secret-dev-only");
        })).ShouldBeTrue();
    }

    [Fact]
    public async Task BadInput_BecomesAPortugueseCliError_AndNothingIsWritten()
    {
        await using var admin = new IdentityAdmin(Settings());
        var slug = "cli-" + Guid.NewGuid().ToString("N")[..8];

        (await Should.ThrowAsync<CliException>(() => admin.AsPlatformAsync(sp =>
            sp.GetRequiredService<StoreAdmin>().CreateAsync(new NewStore(slug, "Loja", "12.345.678/0001-00"))))).Message.ShouldContain("CNPJ");
        (await Should.ThrowAsync<CliException>(() => admin.AsStoreAsync(slug, sp => sp.GetRequiredService<StaffAdmin>().ListAsync())))
            .Message.ShouldContain("não existe");
    }
}
