using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>The authorization code flow with PKCE, refresh rotation, revocation, introspection, userinfo and end-session.</summary>
[Collection(IdentityCollection.Name)]
public sealed class CodeFlowTests(IdentityServer server)
{
    [Fact]
    public async Task SignedOut_AuthorizeSendsThePersonToTheLoginPage_AndBackAfterSigningIn()
    {
        var flows = new Flows(server, server.StoreA);
        var pkce = Flows.NewPkce();
        var authorize = flows.AuthorizeUrl(pkce);

        var first = await flows.Browser.GetAsync(authorize);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var login = first.Headers.Location!.ToString();
        login.ShouldStartWith("/auth/login?ReturnUrl=");
        var returnUrl = QueryHelpers.ParseQuery(login[(login.IndexOf('?'))..])["ReturnUrl"].ToString();

        var signedIn = await flows.SignInAsync(server.StoreA.AdminEmail, server.StoreA.AdminPassword, returnUrl);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe(returnUrl);
        var code = await flows.AuthorizeForCodeAsync(pkce);
        (await flows.RedeemAsync(code, pkce)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Redeem_GivesAccessIdAndRefreshTokens_WithTheClaimsOfThePerson()
    {
        var flows = new Flows(server, server.StoreA);
        var tokens = await flows.CodeFlowAsync();

        var access = new JsonWebToken(tokens.GetProperty("access_token").GetString());
        access.Issuer.ShouldBe(server.IssuerOf(server.StoreA.Slug));
        access.GetClaim("tenant_id").Value.ShouldBe(server.StoreA.Tenant.Id.ToString());
        access.GetClaim("tenant_slug").Value.ShouldBe(server.StoreA.Slug);
        access.GetClaim("client_id").Value.ShouldBe(server.StoreA.WebClientId);
        access.GetClaim("role").Value.ShouldBe("admin");
        access.GetClaim("scope").Value.ShouldBe("openid profile email offline_access api");
        var id = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        id.Audiences.ShouldBe([server.StoreA.WebClientId]);
        id.GetClaim("nonce").Value.ShouldBe("nonce-1");
        long.Parse(id.GetClaim("auth_time").Value).ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        access.GetClaim("sid").Value.ShouldBe(id.GetClaim("sid").Value);
        id.GetClaim("email").Value.ShouldBe(server.StoreA.AdminEmail);
        id.Subject.ShouldBe(access.Subject);
        tokens.GetProperty("refresh_token").GetString().ShouldNotBeNullOrEmpty();

        var me = await server.Construction.CreateClient().SendAsync(ClientCredentialsTests.Me(server.StoreA.Slug, access.EncodedToken));
        (await Flows.JsonAsync(me, HttpStatusCode.OK)).GetProperty("email").GetString().ShouldBe(server.StoreA.AdminEmail);
    }

    [Fact]
    public async Task WrongVerifier_WrongRedirect_AndReusedCode_AreInvalidGrant_AndReuseRevokesWhatTheCodeGave()
    {
        var flows = new Flows(server, server.StoreA);
        await flows.SignInAsAdminAsync();

        var pkce = Flows.NewPkce();
        var code = await flows.AuthorizeForCodeAsync(pkce);
        await Flows.ShouldBeOAuthErrorAsync(await flows.RedeemAsync(code, Flows.NewPkce()), "invalid_grant");
        // OpenIddict checks the verifier before it redeems the code, so a wrong one leaves the code to its owner (the old
        // server burnt it); the code still redeems once, with the right verifier.
        (await flows.RedeemAsync(code, pkce)).StatusCode.ShouldBe(HttpStatusCode.OK);

        code = await flows.AuthorizeForCodeAsync(pkce);
        await Flows.ShouldBeOAuthErrorAsync(await flows.TokenAsync(new()
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = "http://app.localhost/outra", ["code_verifier"] = pkce.Verifier,
        }), "invalid_grant");

        code = await flows.AuthorizeForCodeAsync(pkce);
        var tokens = await Flows.JsonAsync(await flows.RedeemAsync(code, pkce), HttpStatusCode.OK);
        await Flows.ShouldBeOAuthErrorAsync(await flows.RedeemAsync(code, pkce), "invalid_grant");
        await Flows.ShouldBeOAuthErrorAsync(await flows.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!), "invalid_grant");
        (await Introspect(flows, tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Authorize_Refusals_ErrorPageForBadClientOrRedirect_RedirectForTheRest()
    {
        var flows = new Flows(server, server.StoreA);
        await flows.SignInAsAdminAsync();
        var pkce = Flows.NewPkce();

        var badRedirect = await flows.Browser.GetAsync(flows.AuthorizeUrl(pkce, redirectUri: "http://evil.localhost/callback"));
        badRedirect.Headers.Location!.ToString().ShouldStartWith("/auth/error?title=" + Uri.EscapeDataString("Endereço de retorno inválido"));
        var unknownClient = await flows.Browser.GetAsync(flows.AuthorizeUrl(pkce, clientId: "nao-existe"));
        unknownClient.Headers.Location!.ToString().ShouldStartWith("/auth/error?title=" + Uri.EscapeDataString("Aplicativo desconhecido"));
        var otherStoresClient = await flows.Browser.GetAsync(flows.AuthorizeUrl(pkce, clientId: server.StoreB.WebClientId));
        otherStoresClient.Headers.Location!.ToString().ShouldStartWith("/auth/error?title=" + Uri.EscapeDataString("Aplicativo desconhecido"));

        await ShouldRedirectWithError(flows, flows.AuthorizeUrl(pkce, extra: new() { ["code_challenge_method"] = "plain" }), "invalid_request");
        await ShouldRedirectWithError(flows, flows.AuthorizeUrl(pkce, extra: new() { ["code_challenge"] = null }), "invalid_request");
        // A scope the client may not have: OpenIddict says invalid_request (the old server said invalid_scope).
        await ShouldRedirectWithError(flows, flows.AuthorizeUrl(pkce, scope: "openid ops"), "invalid_request");
        await ShouldRedirectWithError(flows, flows.AuthorizeUrl(pkce, extra: new() { ["response_type"] = "token" }), "unsupported_response_type");

        var signedOut = new Flows(server, server.StoreA);
        await ShouldRedirectWithError(signedOut, signedOut.AuthorizeUrl(pkce, extra: new() { ["prompt"] = "none" }), "login_required");
    }

    [Fact]
    public async Task Refresh_Rotates_AndReusingARotatedTokenRevokesTheWholeFamily()
    {
        var flows = new Flows(server, server.StoreA);
        var first = (await flows.CodeFlowAsync()).GetProperty("refresh_token").GetString()!;

        var second = await Flows.JsonAsync(await flows.RefreshAsync(first), HttpStatusCode.OK);
        var secondRefresh = second.GetProperty("refresh_token").GetString()!;
        secondRefresh.ShouldNotBe(first);
        new JsonWebToken(second.GetProperty("access_token").GetString()).GetClaim("tenant_id").Value.ShouldBe(server.StoreA.Tenant.Id.ToString());
        var third = (await Flows.JsonAsync(await flows.RefreshAsync(secondRefresh), HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;

        await Flows.ShouldBeOAuthErrorAsync(await flows.RefreshAsync(first), "invalid_grant");
        await Flows.ShouldBeOAuthErrorAsync(await flows.RefreshAsync(third), "invalid_grant");
    }

    [Fact]
    public async Task Refresh_MayNarrowScopes_ButNotWiden_AndIsBoundToItsClient()
    {
        var flows = new Flows(server, server.StoreA);
        var refresh = (await flows.CodeFlowAsync("openid offline_access")).GetProperty("refresh_token").GetString()!;

        // Widening is refused; OpenIddict says invalid_grant (the old server said invalid_scope).
        await Flows.ShouldBeOAuthErrorAsync(await flows.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["scope"] = "openid api" }), "invalid_grant");
        await Flows.ShouldBeOAuthErrorAsync(await flows.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh },
            server.StoreA.ApiClientId, server.StoreA.ApiSecret), "unauthorized_client");
        var narrowed = await Flows.JsonAsync(await flows.TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["scope"] = "openid" }), HttpStatusCode.OK);
        narrowed.GetProperty("scope").GetString().ShouldBe("openid");
    }

    [Fact]
    public async Task Revocation_EndsARefreshTokenFamily_AndAnAccessToken()
    {
        var flows = new Flows(server, server.StoreA);
        var tokens = await flows.CodeFlowAsync();
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var access = tokens.GetProperty("access_token").GetString()!;

        (await Introspect(flows, access)).GetProperty("active").GetBoolean().ShouldBeTrue();
        var introspectedRefresh = await Introspect(flows, refresh);
        introspectedRefresh.GetProperty("active").GetBoolean().ShouldBeTrue();
        introspectedRefresh.GetProperty("client_id").GetString().ShouldBe(server.StoreA.WebClientId);

        (await Revoke(flows, refresh)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Revoke(flows, access)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Revoke(flows, "nao-e-um-token")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Flows.ShouldBeOAuthErrorAsync(await flows.RefreshAsync(refresh), "invalid_grant");
        (await Introspect(flows, access)).GetProperty("active").GetBoolean().ShouldBeFalse();
        (await Introspect(flows, refresh)).GetProperty("active").GetBoolean().ShouldBeFalse();
        (await UserInfo(flows, access)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Introspection_OfAnotherStoresToken_IsInactive()
    {
        var a = new Flows(server, server.StoreA);
        var b = new Flows(server, server.StoreB);
        var tokenOfA = await a.AccessTokenAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, b.Base + "/auth/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = tokenOfA }),
        };
        request.Headers.Authorization = Basic(server.StoreB.ApiClientId, server.StoreB.ApiSecret);
        (await Flows.JsonAsync(await server.Browser().SendAsync(request), HttpStatusCode.OK)).GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task UserInfo_DescribesThePerson_AndNeedsOpenId()
    {
        var flows = new Flows(server, server.StoreA);
        var tokens = await flows.CodeFlowAsync();
        var info = await Flows.JsonAsync(await UserInfo(flows, tokens.GetProperty("access_token").GetString()!), HttpStatusCode.OK);
        info.GetProperty("email").GetString().ShouldBe(server.StoreA.AdminEmail);
        info.GetProperty("tenant_id").GetString().ShouldBe(server.StoreA.Tenant.Id.ToString());
        info.GetProperty("role").EnumerateArray().Select(r => r.GetString()).ShouldBe(["admin"]);

        var clientToken = await flows.AccessTokenAsync();
        (await UserInfo(flows, clientToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await UserInfo(flows, "lixo")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EndSession_SignsThePersonOutEverywhere_AndRevokesTheSessionsRefreshTokens()
    {
        var flows = new Flows(server, server.StoreA);
        var tokens = await flows.CodeFlowAsync();
        var cookie = flows.Cookies.GetCookies(new Uri(flows.Base))["bc.session"].ShouldNotBeNull();
        (await server.Construction.CreateClient().SendAsync(WithCookie(server.StoreA.Slug, cookie))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var logout = await flows.Browser.GetAsync(QueryHelpers.AddQueryString(flows.Base + "/auth/connect/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(), ["post_logout_redirect_uri"] = server.StoreA.RedirectUri + "/logout", ["state"] = "tchau",
        }));
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        logout.Headers.Location!.ToString().ShouldBe(server.StoreA.RedirectUri + "/logout?state=tchau");

        // The old cookie, replayed: the session behind it has ended.
        (await server.Construction.CreateClient().SendAsync(WithCookie(server.StoreA.Slug, cookie))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Flows.ShouldBeOAuthErrorAsync(await flows.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!), "invalid_grant");
        (await flows.Browser.GetAsync(flows.AuthorizeUrl(Flows.NewPkce()))).Headers.Location!.ToString().ShouldStartWith("/auth/login");
    }

    [Fact]
    public async Task EndSession_NeverRedirectsToAnUnregisteredUri()
    {
        var flows = new Flows(server, server.StoreA);
        var tokens = await flows.CodeFlowAsync();
        var logout = await flows.Browser.GetAsync(QueryHelpers.AddQueryString(flows.Base + "/auth/connect/logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.GetProperty("id_token").GetString(), ["post_logout_redirect_uri"] = "http://evil.localhost/",
        }));
        logout.Headers.Location!.ToString().ShouldBe("/auth/login?signedOut=true");
    }

    public static HttpRequestMessage WithCookie(string slug, Cookie cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Tenant-Slug", slug);
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return request;
    }

    static async Task ShouldRedirectWithError(Flows flows, string url, string error)
    {
        var response = await flows.Browser.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith(IdentityServer.RedirectUri);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        query["error"].ToString().ShouldBe(error);
        query["state"].ToString().ShouldBe("estado-1");
    }

    static async Task<System.Text.Json.JsonElement> Introspect(Flows flows, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, flows.Base + "/auth/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = Basic(flows.ApiClientId, flows.ApiSecret);
        return await Flows.JsonAsync(await LocalhostClient.SendAsync(request), HttpStatusCode.OK);
    }

    internal static Task<HttpResponseMessage> Revoke(Flows flows, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, flows.Base + "/auth/connect/revoke")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = Basic(flows.WebClientId, flows.WebSecret);
        return LocalhostClient.SendAsync(request);
    }

    static Task<HttpResponseMessage> UserInfo(Flows flows, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, flows.Base + "/auth/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return LocalhostClient.SendAsync(request);
    }

    static readonly HttpClient LocalhostClient = Testing.LocalhostHttp.Client();

    public static AuthenticationHeaderValue Basic(string id, string secret) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{id}:{secret}")));
}
