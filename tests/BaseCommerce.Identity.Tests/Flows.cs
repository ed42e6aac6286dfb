using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>What a browser and an OAuth client do against the Identity host, step by step, over real HTTP.</summary>
public sealed partial class Flows(IdentityServer server, TestStore store)
{
    public CookieContainer Cookies { get; } = new();
    HttpClient? _browser;
    public HttpClient Browser => _browser ??= server.Browser(Cookies);
    readonly HttpClient _backChannel = server.Browser();

    public string Base => server.BaseOf(store.Slug);
    public string ApiClientId => store.ApiClientId;
    public string ApiSecret => store.ApiSecret;
    public string WebClientId => store.WebClientId;
    public string WebSecret => store.WebSecret;

    /// <summary>Fills in and posts the sign-in form; returns the response (302 on success, 400 with the generic error otherwise).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null)
    {
        var page = await Browser.GetStringAsync(Base + "/auth/login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));
        var token = AntiforgeryToken(page);
        var form = new Dictionary<string, string> { ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = token };
        if (returnUrl is not null)
            form["ReturnUrl"] = returnUrl;
        return await Browser.PostAsync(Base + "/auth/login", new FormUrlEncodedContent(form));
    }

    public async Task SignInAsAdminAsync() =>
        (await SignInAsync(store.AdminEmail, store.AdminPassword)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

    public sealed record Pkce(string Verifier, string Challenge);

    public static Pkce NewPkce()
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public string AuthorizeUrl(Pkce pkce, string scope = "openid profile email offline_access api", string? redirectUri = null,
        string? clientId = null, string state = "estado-1", string nonce = "nonce-1", Dictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId ?? store.WebClientId, ["redirect_uri"] = redirectUri ?? store.RedirectUri,
            ["scope"] = scope, ["state"] = state, ["nonce"] = nonce, ["code_challenge"] = pkce.Challenge, ["code_challenge_method"] = "S256",
        };
        foreach (var (k, v) in extra ?? []) query[k] = v;
        return QueryHelpers.AddQueryString(Base + "/auth/connect/authorize", query);
    }

    /// <summary>Signed in already: the authorize request redirects straight to the client with a code.</summary>
    public async Task<string> AuthorizeForCodeAsync(Pkce pkce, string scope = "openid profile email offline_access api")
    {
        var response = await Browser.GetAsync(AuthorizeUrl(pkce, scope));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith(store.RedirectUri);
        var query = QueryHelpers.ParseQuery(new Uri(location).Query);
        query["state"].ToString().ShouldBe("estado-1");
        query["iss"].ToString().ShouldBe(server.IssuerOf(store.Slug));
        return query["code"].ToString().ShouldNotBeNull();
    }

    public Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, string? clientId = null, string? secret = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Base + "/auth/connect/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId ?? store.WebClientId}:{secret ?? store.WebSecret}")));
        return _backChannel.SendAsync(request);
    }

    public Task<HttpResponseMessage> RedeemAsync(string code, Pkce pkce) => TokenAsync(new()
    {
        ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = store.RedirectUri, ["code_verifier"] = pkce.Verifier,
    });

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public Task<HttpResponseMessage> ClientCredentialsAsync(string? scope = null, string? secret = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null) form["scope"] = scope;
        return TokenAsync(form, store.ApiClientId, secret ?? store.ApiSecret);
    }

    /// <summary>Sign in, authorize, redeem: the tokens of a fresh code flow.</summary>
    public async Task<JsonElement> CodeFlowAsync(string scope = "openid profile email offline_access api")
    {
        await SignInAsAdminAsync();
        var pkce = NewPkce();
        var code = await AuthorizeForCodeAsync(pkce, scope);
        return await JsonAsync(await RedeemAsync(code, pkce), HttpStatusCode.OK);
    }

    public async Task<string> AccessTokenAsync(string? scope = null) =>
        (await JsonAsync(await ClientCredentialsAsync(scope), HttpStatusCode.OK)).GetProperty("access_token").GetString()!;

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task ShouldBeOAuthErrorAsync(HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var body = await JsonAsync(response, status);
        body.GetProperty("error").GetString().ShouldBe(error, body.ToString());
        body.GetProperty("error_description").GetString().ShouldNotBeNullOrEmpty();
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    /// <summary>The antiforgery field every form of ours carries.</summary>
    public static string AntiforgeryToken(string page)
    {
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        token.ShouldNotBeEmpty("the form carries an antiforgery token");
        return token;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
