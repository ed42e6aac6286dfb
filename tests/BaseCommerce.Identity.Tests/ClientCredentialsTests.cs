using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Entities;
using System.Net;
using System.Net.Http.Headers;
using BaseCommerce.Identity.Accounts.Admin;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
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
        body.GetProperty("expires_in").GetInt32().ShouldBeInRange(899, 900); // OpenIddict counts the whole seconds left
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
    public async Task TwoStoresWithTheSameClientIds_AreIsolatedBothWays()
    {
        // The same client ids in two stores, each with its own secret: each works only on its own store's host.
        var one = await server.CreateStoreAsync("mesmo-id-1");
        var two = await server.CreateStoreAsync("mesmo-id-2");
        var clientId = "integracao-" + Guid.NewGuid().ToString("N")[..6];
        async Task<string> Register(TestStore store) => (await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient(clientId, "Integração", ClientTypes.Confidential, [GrantTypes.ClientCredentials], [Scopes.Api])))).Secret!;
        var (secretOne, secretTwo) = (await Register(one), await Register(two));

        var onOne = new Flows(server, one);
        var onTwo = new Flows(server, two);
        var tokenOne = (await Flows.JsonAsync(await onOne.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secretOne), HttpStatusCode.OK))
            .GetProperty("access_token").GetString()!;
        (await Flows.JsonAsync(await onTwo.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secretTwo), HttpStatusCode.OK))
            .GetProperty("access_token").GetString().ShouldNotBeNullOrEmpty();
        // Store one's secret is not store two's, and the other way round.
        await Flows.ShouldBeOAuthErrorAsync(await onTwo.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secretOne), "invalid_client", HttpStatusCode.Unauthorized);
        await Flows.ShouldBeOAuthErrorAsync(await onOne.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secretTwo), "invalid_client", HttpStatusCode.Unauthorized);
        // Store one's token is store one's: the API refuses it on store two's host, and store two's server does not know it.
        (await server.Construction.CreateClient().SendAsync(Me(one.Slug, tokenOne))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await server.Construction.CreateClient().SendAsync(Me(two.Slug, tokenOne))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var introspect = new HttpRequestMessage(HttpMethod.Post, onTwo.Base + "/auth/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = tokenOne }),
        };
        introspect.Headers.Authorization = CodeFlowTests.Basic(two.ApiClientId, two.ApiSecret);
        (await Flows.JsonAsync(await server.Browser().SendAsync(introspect), HttpStatusCode.OK)).GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task AClientsOwnLifetimes_AndTheAbsoluteRefreshCap_AreApplied()
    {
        var store = await server.CreateStoreAsync("validades");
        var clientId = "curto-" + Guid.NewGuid().ToString("N")[..6];
        var secret = (await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient(clientId, "Curto", ClientTypes.Confidential, [GrantTypes.ClientCredentials], [Scopes.Api], AccessTokenLifetimeSeconds: 300)))).Secret!;
        var flows = new Flows(server, store);
        var body = await Flows.JsonAsync(await flows.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secret), HttpStatusCode.OK);
        body.GetProperty("expires_in").GetInt32().ShouldBeInRange(299, 300);
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        (jwt.ValidTo - jwt.IssuedAt).ShouldBe(TimeSpan.FromMinutes(5));

        // A grant whose absolute lifetime is two minutes: its refresh token ends then, not 14 days after its use.
        await server.Database.AsTenantAsync(store.Tenant.Id,
            $"UPDATE identity.oidc_applications SET properties = '{{\"refresh_absolute_seconds\": 120}}' WHERE client_id = '{store.WebClientId}'", asOwner: true);
        var refresh = (await flows.CodeFlowAsync()).GetProperty("refresh_token").GetString()!;
        var rotated = (await Flows.JsonAsync(await flows.RefreshAsync(refresh), HttpStatusCode.OK)).GetProperty("refresh_token").GetString()!;
        var introspect = new HttpRequestMessage(HttpMethod.Post, flows.Base + "/auth/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = rotated }),
        };
        introspect.Headers.Authorization = CodeFlowTests.Basic(store.ApiClientId, store.ApiSecret);
        var expires = DateTimeOffset.FromUnixTimeSeconds((await Flows.JsonAsync(await server.Browser().SendAsync(introspect), HttpStatusCode.OK)).GetProperty("exp").GetInt64());
        expires.ShouldBeLessThanOrEqualTo(DateTimeOffset.UtcNow.AddSeconds(125), "capped at the grant's absolute lifetime");
        expires.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(60));
    }

    [Fact]
    public async Task AClientSecretFromBeforeOpenIddict_StillAuthenticates_AndIsRehashed()
    {
        // What migration 0007 made of a secret the old server kept: its SHA-256, prefixed.
        var store = await server.CreateStoreAsync("segredo-antigo");
        var clientId = "legado-" + Guid.NewGuid().ToString("N")[..6];
        const string secret = "segredo-de-antes-da-migracao-0123456789";
        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<ClientAdmin>().CreateAsync(
            new NewClient(clientId, "Legado", ClientTypes.Confidential, [GrantTypes.ClientCredentials], [Scopes.Api], KnownSecret: "temporario-0123456789-abcdef")));
        var legacy = "sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();
        await server.Database.AsTenantAsync(store.Tenant.Id, $"UPDATE identity.oidc_applications SET client_secret = '{legacy}' WHERE client_id = '{clientId}'", asOwner: true);

        var flows = new Flows(server, store);
        await Flows.JsonAsync(await flows.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secret), HttpStatusCode.OK);
        var stored = (string)(await server.Database.AsTenantAsync(store.Tenant.Id, $"SELECT client_secret FROM identity.oidc_applications WHERE client_id = '{clientId}'", asOwner: true))!;
        stored.ShouldNotStartWith("sha256:", customMessage: "re-hashed the OpenIddict way on its first use");
        await Flows.JsonAsync(await flows.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secret), HttpStatusCode.OK);
        await Flows.ShouldBeOAuthErrorAsync(await flows.TokenAsync(new() { ["grant_type"] = "client_credentials" }, clientId, secret + "x"), "invalid_client", HttpStatusCode.Unauthorized);
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
        // A token exactly like the store's client's, but minted 20 minutes ago with a 15-minute lifetime: expired 5 minutes
        // ago, well beyond the 30-second skew. Signed with the ring's current key, so only its lifetime is wrong.
        var valid = new JsonWebToken(await new Flows(server, server.StoreA).AccessTokenAsync());
        var signing = await server.Identity.Services.GetRequiredService<Keys.SigningKeyRing>().SigningCredentialsAsync();
        var claims = valid.Claims.Where(c => c.Type is not ("exp" or "iat" or "nbf")).GroupBy(c => c.Type)
            .ToDictionary(g => g.Key, g => (object)(g.Count() == 1 ? g.First().Value : g.Select(c => c.Value).ToArray()));
        var expired = new { Token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            TokenType = valid.Typ,
            Claims = claims,
            IssuedAt = DateTime.UtcNow.AddMinutes(-20),
            Expires = DateTime.UtcNow.AddMinutes(-5),
            SigningCredentials = signing,
        }) };

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
