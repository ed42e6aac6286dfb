using BaseCommerce.Authentication;
using System.Net;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>Consent for third-party clients, public clients (PKCE, no secret), and the demo seed.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ThirdPartyClientTests(IdentityServer server)
{
    [Fact]
    public async Task AThirdPartyClient_AsksForConsentOnce_AndADenialGoesBackAsAccessDenied()
    {
        var store = await server.CreateStoreAsync("terceiro", firstPartyWeb: false);
        var flows = new Flows(server, store);
        await flows.SignInAsAdminAsync();
        var pkce = Flows.NewPkce();

        var toConsent = await flows.Browser.GetAsync(flows.AuthorizeUrl(pkce));
        var consentUrl = toConsent.Headers.Location!.ToString();
        consentUrl.ShouldStartWith("/auth/consent?ReturnUrl=");
        var page = await flows.Browser.GetStringAsync(flows.Base + consentUrl);
        page.ShouldContain("Aplicativo");
        page.ShouldContain("Consultar e alterar cadastros");

        var denied = await PostConsentAsync(flows, consentUrl, page, "deny");
        var deniedQuery = QueryHelpers.ParseQuery(new Uri(denied.Headers.Location!.ToString()).Query);
        deniedQuery["error"].ToString().ShouldBe("access_denied");
        deniedQuery["state"].ToString().ShouldBe("estado-1");

        var allowed = await PostConsentAsync(flows, consentUrl, page, "allow");
        allowed.Headers.Location!.ToString().ShouldStartWith("/auth/connect/authorize?");
        var code = await flows.AuthorizeForCodeAsync(pkce); // consent remembered: straight to the code
        (await flows.RedeemAsync(code, pkce)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var prompted = await flows.Browser.GetAsync(flows.AuthorizeUrl(Flows.NewPkce(), scope: "openid", extra: new() { ["prompt"] = "none" }));
        QueryHelpers.ParseQuery(new Uri(prompted.Headers.Location!.ToString()).Query).ContainsKey("code").ShouldBeTrue();
    }

    [Fact]
    public async Task APublicClient_RedeemsWithItsIdAndPkce_AndNoSecret()
    {
        var clientId = "publico-" + Guid.NewGuid().ToString("N")[..6];
        await server.AsStoreAsync(server.StoreA.Tenant, sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(new NewClient(clientId, "SPA",
            ClientTypes.Public, [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken], [Scopes.OpenId, Scopes.OfflineAccess, Scopes.ApiRead],
            [IdentityServer.RedirectUri], FirstParty: true)));
        var flows = new Flows(server, server.StoreA);
        await flows.SignInAsAdminAsync();
        var pkce = Flows.NewPkce();
        var response = await flows.Browser.GetAsync(flows.AuthorizeUrl(pkce, scope: "openid offline_access api.read", clientId: clientId));
        var code = QueryHelpers.ParseQuery(new Uri(response.Headers.Location!.ToString()).Query)["code"].ToString();

        var redeem = await server.Browser().PostAsync(flows.Base + "/auth/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = clientId, ["code"] = code,
            ["redirect_uri"] = IdentityServer.RedirectUri, ["code_verifier"] = pkce.Verifier,
        }));
        var tokens = await Flows.JsonAsync(redeem, HttpStatusCode.OK);
        tokens.GetProperty("refresh_token").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task TheDemoSeed_CreatesBothStoresTheirAdminsAndTheApiClient_AndIsIdempotent()
    {
        await server.PlatformAsync(async sp => { await sp.GetRequiredService<DemoSeed>().SeedAsync(); return 0; });
        await server.PlatformAsync(async sp => { await sp.GetRequiredService<DemoSeed>().SeedAsync(); return 0; });

        var stores = await server.PlatformAsync(sp => sp.GetRequiredService<IdentityDb>().Stores.Where(s => s.Slug == "demo" || s.Slug == "acme").ToListAsync());
        stores.Select(s => s.Slug).ShouldBe(["acme", "demo"], ignoreOrder: true);
        var demo = StoreAdmin.ToTenant(stores.Single(s => s.Slug == "demo"));
        var demoStore = new TestStore(demo, DemoSeed.Demo.AdminEmail, DemoSeed.Demo.AdminPassword, "demo-api", "demo-api-secret-dev-only", "", "", "");
        var flows = new Flows(server, demoStore);
        (await flows.SignInAsync(DemoSeed.Demo.AdminEmail, DemoSeed.Demo.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await flows.ClientCredentialsAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        var acmeFlows = new Flows(server, demoStore with { Tenant = StoreAdmin.ToTenant(stores.Single(s => s.Slug == "acme")) });
        (await acmeFlows.SignInAsync(DemoSeed.Demo.AdminEmail, DemoSeed.Demo.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await acmeFlows.SignInAsync(DemoSeed.Acme.AdminEmail, DemoSeed.Acme.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    static async Task<HttpResponseMessage> PostConsentAsync(Flows flows, string consentUrl, string page, string decision)
    {
        var token = Flows.AntiforgeryToken(page);
        var returnUrl = QueryHelpers.ParseQuery(consentUrl[consentUrl.IndexOf('?')..])["ReturnUrl"].ToString();
        return await flows.Browser.PostAsync(flows.Base + "/auth/consent", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = returnUrl, ["decision"] = decision, ["__RequestVerificationToken"] = token,
        }));
    }
}
