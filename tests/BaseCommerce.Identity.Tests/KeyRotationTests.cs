using System.Net;
using System.Text.Json;
using BaseCommerce.Identity.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>Discovery and JWKS contents, and rotation: tokens signed before it keep validating until they expire.</summary>
[Collection(IdentityCollection.Name)]
public sealed class KeyRotationTests(IdentityServer server)
{
    [Fact]
    public async Task Discovery_DescribesTheStoresIssuer_AndItsEndpoints()
    {
        var issuer = server.IssuerOf(server.StoreA.Slug);
        var metadata = await Flows.JsonAsync(await server.Browser().GetAsync(issuer + "/.well-known/openid-configuration"), HttpStatusCode.OK);

        metadata.GetProperty("issuer").GetString().ShouldBe(issuer);
        metadata.GetProperty("token_endpoint").GetString().ShouldBe(issuer + "/connect/token");
        metadata.GetProperty("authorization_endpoint").GetString().ShouldBe(issuer + "/connect/authorize");
        metadata.GetProperty("jwks_uri").GetString().ShouldBe(issuer + "/.well-known/jwks.json");
        metadata.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["S256"]);
        metadata.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString())
            .ShouldBe(["authorization_code", "refresh_token", "client_credentials"], ignoreOrder: true);

        var other = await Flows.JsonAsync(await server.Browser().GetAsync(server.IssuerOf(server.StoreB.Slug) + "/.well-known/openid-configuration"), HttpStatusCode.OK);
        other.GetProperty("issuer").GetString().ShouldBe(server.IssuerOf(server.StoreB.Slug));
    }

    [Fact]
    public async Task Jwks_PublishesPublicRsaKeysOnly()
    {
        await new Flows(server, server.StoreA).AccessTokenAsync();
        var jwks = await Flows.JsonAsync(await server.Browser().GetAsync($"http://127.0.0.1:{server.Port}/auth/.well-known/jwks.json"), HttpStatusCode.OK);
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        keys.ShouldNotBeEmpty();
        foreach (var key in keys)
        {
            key.GetProperty("kty").GetString().ShouldBe("RSA");
            key.GetProperty("alg").GetString().ShouldBe("RS256");
            key.GetProperty("use").GetString().ShouldBe("sig");
            key.GetProperty("kid").GetString().ShouldNotBeNullOrEmpty();
            foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi" })
                key.TryGetProperty(secret, out _).ShouldBeFalse($"the JWKS must not carry the private part '{secret}'");
        }
    }

    [Fact]
    public async Task AfterRotation_OldTokensStillValidate_NewTokensUseTheNewKey_AndBothReachAnotherService()
    {
        var flows = new Flows(server, server.StoreA);
        var before = await flows.AccessTokenAsync();
        var construction = server.Construction.CreateClient();
        (await construction.SendAsync(ClientCredentialsTests.Me(server.StoreA.Slug, before))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await server.Identity.Services.GetRequiredService<SigningKeyRing>().RotateAsync();
        var after = await flows.AccessTokenAsync();

        new JsonWebToken(after).Kid.ShouldNotBe(new JsonWebToken(before).Kid);
        (await construction.SendAsync(ClientCredentialsTests.Me(server.StoreA.Slug, after))).StatusCode.ShouldBe(HttpStatusCode.OK, "unknown kid → JWKS refetched");
        (await construction.SendAsync(ClientCredentialsTests.Me(server.StoreA.Slug, before))).StatusCode.ShouldBe(HttpStatusCode.OK, "the retired key is still published");

        var jwks = JsonDocument.Parse(await server.Browser().GetStringAsync($"http://127.0.0.1:{server.Port}/auth/.well-known/jwks.json"));
        var kids = jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        kids.ShouldContain(new JsonWebToken(before).Kid);
        kids.ShouldContain(new JsonWebToken(after).Kid);
    }
}
