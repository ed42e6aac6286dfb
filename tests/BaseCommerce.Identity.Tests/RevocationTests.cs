using System.Diagnostics;
using System.Net;
using BaseCommerce.Identity.Accounts.Admin;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>
/// Revocation reaching another service: each way of ending access makes the Construction API refuse the access tokens
/// already issued (401, <c>invalid_token</c>) within 5 s, not at their expiry; what was not revoked keeps working.
/// Each test has its own store, since it disables people and clients.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class RevocationTests(IdentityServer server)
{
    static readonly TimeSpan Promise = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task ARevokedAccessToken_IsRefusedByTheApi_AndAnotherTokenOfThePersonIsNot()
    {
        var store = await server.CreateStoreAsync("revoga-token");
        var flows = new Flows(server, store);
        var revoked = (await flows.CodeFlowAsync()).GetProperty("access_token").GetString()!;
        var kept = (await flows.CodeFlowAsync()).GetProperty("access_token").GetString()!;
        await AcceptedAsync(store, revoked);

        (await CodeFlowTests.Revoke(flows, revoked)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await RefusedWithinPromiseAsync(store, revoked);
        await AcceptedAsync(store, kept);
    }

    [Fact]
    public async Task AReplayedCode_MakesTheApiRefuseTheAccessTokenItGave()
    {
        var store = await server.CreateStoreAsync("revoga-codigo");
        var flows = new Flows(server, store);
        await flows.SignInAsAdminAsync();
        var pkce = Flows.NewPkce();
        var code = await flows.AuthorizeForCodeAsync(pkce);
        var access = (await Flows.JsonAsync(await flows.RedeemAsync(code, pkce), HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        await AcceptedAsync(store, access);

        await Flows.ShouldBeOAuthErrorAsync(await flows.RedeemAsync(code, pkce), "invalid_grant");

        await RefusedWithinPromiseAsync(store, access);
    }

    [Fact]
    public async Task DisablingAPerson_MakesTheApiRefuseTheirTokens_ButNotTheStoresClient()
    {
        var store = await server.CreateStoreAsync("revoga-pessoa");
        var flows = new Flows(server, store);
        var person = (await flows.CodeFlowAsync()).GetProperty("access_token").GetString()!;
        var client = await flows.AccessTokenAsync();
        await AcceptedAsync(store, person);

        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<StaffAdmin>().SetActiveAsync(store.AdminEmail, false));

        await RefusedWithinPromiseAsync(store, person);
        await AcceptedAsync(store, client);
    }

    [Fact]
    public async Task ResettingAPassword_MakesTheApiRefuseTheTokensIssuedBefore_AndAcceptOnesIssuedAfter()
    {
        var store = await server.CreateStoreAsync("revoga-senha");
        var flows = new Flows(server, store);
        var before = (await flows.CodeFlowAsync()).GetProperty("access_token").GetString()!;
        await AcceptedAsync(store, before);

        const string newPassword = "NovaSenha@2026";
        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<StaffAdmin>().ResetPasswordAsync(store.AdminEmail, newPassword));

        await RefusedWithinPromiseAsync(store, before);
        // A token's iat has whole seconds, and one issued in the revocation's own second is refused too.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var after = new Flows(server, store with { AdminPassword = newPassword });
        await AcceptedAsync(store, (await after.CodeFlowAsync()).GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task RevokingAClient_MakesTheApiRefuseItsTokens()
    {
        var store = await server.CreateStoreAsync("revoga-cliente");
        var flows = new Flows(server, store);
        var token = await flows.AccessTokenAsync();
        await AcceptedAsync(store, token);

        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<ClientAdmin>().RevokeAsync(store.ApiClientId));

        await RefusedWithinPromiseAsync(store, token);
    }

    [Fact]
    public async Task SigningOut_MakesTheApiRefuseTheTokensOfThatSession_AndNotOfAnother()
    {
        var store = await server.CreateStoreAsync("revoga-sessao");
        var phone = new Flows(server, store);
        var laptop = new Flows(server, store);
        var tokens = await phone.CodeFlowAsync();
        var phoneToken = tokens.GetProperty("access_token").GetString()!;
        var laptopToken = (await laptop.CodeFlowAsync()).GetProperty("access_token").GetString()!;
        await AcceptedAsync(store, phoneToken);

        var logout = await phone.Browser.GetAsync(QueryHelpers.AddQueryString(phone.Base + "/auth/connect/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(), ["post_logout_redirect_uri"] = store.RedirectUri + "/logout",
        }));
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await RefusedWithinPromiseAsync(store, phoneToken);
        await AcceptedAsync(store, laptopToken);
    }

    async Task AcceptedAsync(TestStore store, string token) =>
        (await server.Construction.CreateClient().SendAsync(ClientCredentialsTests.Me(store.Slug, token))).StatusCode.ShouldBe(HttpStatusCode.OK);

    async Task RefusedWithinPromiseAsync(TestStore store, string token)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var response = await server.Construction.CreateClient().SendAsync(ClientCredentialsTests.Me(store.Slug, token));
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"invalid_token\"");
                return;
            }
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            elapsed.Elapsed.ShouldBeLessThan(Promise, "the API still accepts the revoked token");
            await Task.Delay(100);
        }
    }
}
