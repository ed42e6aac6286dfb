using System.Net;
using System.Text.RegularExpressions;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// A person signed in on the Identity host (the real login form over HTTP) whose session cookie is then used on the
/// Construction web UI, with the antiforgery token its pages carry, as a browser would.
/// </summary>
public sealed partial class WebSession
{
    public HttpClient Client { get; }
    readonly CookieContainer _cookies = new();
    string? _token;

    WebSession(ConstructionServer server, TenantInfo tenant, string session, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Verticals.Construction.Data.ConstructionDb>? host = null)
    {
        _cookies.Add(new Uri("http://localhost"), new Cookie("bc.session", session));
        Client = (host ?? server.Construction).CreateDefaultClient(new CookieContainerHandler(_cookies));
        Client.DefaultRequestHeaders.Add("X-Tenant-Slug", tenant.Slug);
        Session = session;
    }

    public string Session { get; }

    public static async Task<WebSession> SignInAsync(ConstructionServer server, TenantInfo tenant, params string[] roles)
    {
        var email = $"web-{Guid.NewGuid():N}@loja.test";
        const string password = "Senha@12345";
        using (var scope = server.Identity.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(tenant);
            await scope.ServiceProvider.GetRequiredService<StaffAdmin>().CreateAsync(email, "Pessoa da Loja", roles, password);
        }
        var cookies = new CookieContainer();
        var browser = LocalhostHttp.Client(cookies);
        var login = $"http://{tenant.Slug}.localhost:{server.IdentityPort}/auth/login";
        var page = await browser.GetStringAsync(login);
        var response = await browser.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = cookies.GetCookies(new Uri(login))["bc.session"].ShouldNotBeNull().Value;
        return new WebSession(server, tenant, session);
    }

    /// <summary>The same person's session on another Construction replica.</summary>
    public WebSession On(ConstructionServer server, TenantInfo tenant, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Verticals.Construction.Data.ConstructionDb> host) =>
        new(server, tenant, Session, host);

    public async Task<string> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body.Length > 2000 ? body[..2000] : body);
        if (HeaderToken().Match(body) is { Success: true } m)
            _token = m.Groups[1].Value;
        return body;
    }

    /// <summary>An HTMX post (antiforgery header, HX-Request) of form fields.</summary>
    public async Task<HttpResponseMessage> HtmxAsync(string url, Dictionary<string, string>? form = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form ?? []) };
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("RequestVerificationToken", _token ?? throw new InvalidOperationException("Load a page first: it carries the token."));
        return await Client.SendAsync(request);
    }

    /// <summary>A plain form post, with the antiforgery field.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string>? form = null)
    {
        var fields = new Dictionary<string, string>(form ?? []) { ["__RequestVerificationToken"] = _token ?? throw new InvalidOperationException("Load a page first.") };
        return Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("\"RequestVerificationToken\": \"([^\"]+)\"")]
    private static partial Regex HeaderToken();
}
