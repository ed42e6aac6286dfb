using System.Net;
using System.Net.Http.Headers;
using BaseCommerce.Identity.Accounts.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using BaseCommerce.Identity.Oidc;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>The client_credentials grant, and a token it yields validated by another service (Construction) with the shared validation.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ClientCredentialsTests(IdentityServer server)
{
    Flows A => new(server, server.StoreA);

    [Fact]
    public async Task Grant_IssuesA15MinuteJwt_WithTheStoreAndClientClaims()
    {
        var body = await Flows.JsonAsync(await A.ClientCredentialsAsync("api"), HttpStatusCode.OK);

        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        body.GetProperty("expires_in").GetInt32().ShouldBe(900);
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse("client_credentials gets no refresh token");
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        jwt.Typ.ShouldBe("at+jwt");
        jwt.Alg.ShouldBe("RS256");
        jwt.Issuer.ShouldBe(server.IssuerOf(server.StoreA.Slug));
        jwt.Audiences.ShouldBe(["basecommerce-api"]);
        jwt.Subject.ShouldBe(server.StoreA.ApiClientId);
        jwt.GetClaim("tenant_id").Value.ShouldBe(server.StoreA.Tenant.Id.ToString());
        jwt.GetClaim("tenant_slug").Value.ShouldBe(server.StoreA.Slug);
        jwt.GetClaim("client_id").Value.ShouldBe(server.StoreA.ApiClientId);
        jwt.GetClaim("scope").Value.ShouldBe("api");
        (jwt.ValidTo - jwt.IssuedAt).ShouldBe(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task WrongSecret_UnknownClient_AndRevokedClient_AreInvalidClient()
    {
        await Flows.ShouldBeOAuthErrorAsync(await A.ClientCredentialsAsync(secret: "errado"), "invalid_client", HttpStatusCode.Unauthorized);
        await Flows.ShouldBeOAuthErrorAsync(await A.TokenAsync(new() { ["grant_type"] = "client_credentials" }, "nao-existe", "x"), "invalid_client", HttpStatusCode.Unauthorized);

        var store = await server.CreateStoreAsync("revogado");
        var flows = new Flows(server, store);
        (await flows.ClientCredentialsAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<ClientAdmin>().RevokeAsync(store.ApiClientId));
        await Flows.ShouldBeOAuthErrorAsync(await flows.ClientCredentialsAsync(), "invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AClientOfStoreA_IsUnknownOnStoreB()
    {
        var b = new Flows(server, server.StoreB);
        await Flows.ShouldBeOAuthErrorAsync(
            await b.TokenAsync(new() { ["grant_type"] = "client_credentials" }, server.StoreA.ApiClientId, server.StoreA.ApiSecret),
            "invalid_client", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ScopeNotAllowed_UnsupportedGrant_AndGrantNotAllowed_AreRefused()
    {
        await Flows.ShouldBeOAuthErrorAsync(await A.ClientCredentialsAsync("api openid"), "invalid_scope");
        await Flows.ShouldBeOAuthErrorAsync(await A.TokenAsync(new() { ["grant_type"] = "password" }, server.StoreA.ApiClientId, server.StoreA.ApiSecret), "unsupported_grant_type");
        await Flows.ShouldBeOAuthErrorAsync(await A.TokenAsync(new() { ["grant_type"] = "client_credentials" }), "unauthorized_client");
        var notForm = await server.Browser().PostAsync(A.Base + "/auth/connect/token", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await Flows.ShouldBeOAuthErrorAsync(notForm, "invalid_request");
    }

    [Fact]
    public async Task AnotherService_AcceptsTheToken_OnlyOnItsStoresHost_AndOnlyWithTheScope()
    {
        var token = await A.AccessTokenAsync("api.read");
        var construction = server.Construction.CreateClient();

        var mine = await construction.SendAsync(Me(server.StoreA.Slug, token));
        var body = await Flows.JsonAsync(mine, HttpStatusCode.OK);
        body.GetProperty("client_id").GetString().ShouldBe(server.StoreA.ApiClientId);
        body.GetProperty("loja").GetString().ShouldBe(server.StoreA.Slug);

        (await construction.SendAsync(Me(server.StoreB.Slug, token))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await construction.SendAsync(Me(server.StoreA.Slug, null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await construction.SendAsync(Me(server.StoreA.Slug, token[..^4] + "AAAA"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var opsOnly = await A.AccessTokenAsync("ops");
        (await construction.SendAsync(Me(server.StoreA.Slug, opsOnly))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherService_RefusesAnExpiredToken()
    {
        // Minted 20 minutes ago with a 15-minute lifetime: expired 5 minutes ago, well beyond the 30-second skew.
        var earlier = new TokenFactory(server.Identity.Services.GetRequiredService<Keys.SigningKeyRing>(),
            server.Identity.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Authentication.AuthOptions>>(),
            new ShiftedClock(TimeSpan.FromMinutes(-20)));
        var expired = await earlier.AccessTokenAsync(server.StoreA.Tenant,
            new TokenSubject(server.StoreA.ApiClientId, server.StoreA.ApiClientId, ["api"]), TimeSpan.FromMinutes(15), default);

        (await server.Construction.CreateClient().SendAsync(Me(server.StoreA.Slug, expired.Token))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public static HttpRequestMessage Me(string slug, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("X-Tenant-Slug", slug);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}

public sealed class ShiftedClock(TimeSpan by) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + by;
}
