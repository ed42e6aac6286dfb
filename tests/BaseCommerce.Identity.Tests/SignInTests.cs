using BaseCommerce.Authentication;
using System.Net;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>Staff sign-in on a store's host: one generic refusal, lockout, disabled accounts, per-store sessions, rate limit.</summary>
[Collection(IdentityCollection.Name)]
public sealed class SignInTests(IdentityServer server)
{
    const string Generic = "E-mail ou senha inválidos, ou acesso bloqueado.";

    [Fact]
    public async Task LoginPage_ShowsTheStoresBranding_InPortuguese()
    {
        var page = await new Flows(server, server.StoreA).Browser.GetStringAsync(server.BaseOf(server.StoreA.Slug) + "/auth/login");
        page.ShouldContain("lang=\"pt-BR\"");
        page.ShouldContain("Loja " + server.StoreA.Slug);
        page.ShouldContain("--primary: #1f4e79");
        page.ShouldContain("Senha");
    }

    [Fact]
    public async Task WrongPassword_UnknownUser_AndDisabledUser_GetTheSameGenericError()
    {
        var store = await server.CreateStoreAsync("generico");
        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<StaffAdmin>().CreateAsync("inativo@x.test", "Inativo", [StaffRoles.Vendedor], "Senha@1234"));
        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<StaffAdmin>().SetActiveAsync("inativo@x.test", false));
        var flows = new Flows(server, store);

        foreach (var (email, password) in new[] { (store.AdminEmail, "Errada@123"), ("ninguem@x.test", "Senha@1234"), ("inativo@x.test", "Senha@1234") })
        {
            var response = await flows.SignInAsync(email, password);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, email);
            (await response.Content.ReadAsStringAsync()).ShouldContain(Generic);
            flows.Cookies.GetCookies(new Uri(flows.Base))["bc.session"].ShouldBeNull();
        }
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightPassword()
    {
        var store = await server.CreateStoreAsync("bloqueio");
        var flows = new Flows(server, store);
        for (var i = 0; i < 5; i++)
            (await flows.SignInAsync(store.AdminEmail, "Errada@" + i)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var locked = await flows.SignInAsync(store.AdminEmail, store.AdminPassword);
        locked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await locked.Content.ReadAsStringAsync()).ShouldContain(Generic);

        // An admin's password reset clears the lockout.
        await server.AsStoreAsync(store.Tenant, sp => sp.GetRequiredService<StaffAdmin>().ResetPasswordAsync(store.AdminEmail, "Nova@12345"));
        (await flows.SignInAsync(store.AdminEmail, "Nova@12345")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TheSessionOfStoreA_IsRefusedOnStoreB_AndNeverSentThere()
    {
        var flows = new Flows(server, server.StoreA);
        await flows.SignInAsAdminAsync();
        var cookie = flows.Cookies.GetCookies(new Uri(flows.Base))["bc.session"].ShouldNotBeNull();
        cookie.Domain.ShouldBe(new Uri(flows.Base).Host, "host-only: no Domain attribute");
        cookie.Path.ShouldBe("/");
        cookie.HttpOnly.ShouldBeTrue();
        flows.Cookies.GetCookies(new Uri(server.BaseOf(server.StoreB.Slug))).Count.ShouldBe(0);

        var construction = server.Construction.CreateClient();
        (await construction.SendAsync(CodeFlowTests.WithCookie(server.StoreA.Slug, cookie))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await construction.SendAsync(CodeFlowTests.WithCookie(server.StoreB.Slug, cookie))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Copied by hand to store B's Identity pages, it is refused the same way.
        var onB = new HttpRequestMessage(HttpMethod.Get, server.BaseOf(server.StoreB.Slug) + "/auth/");
        onB.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        (await server.Browser().SendAsync(onB)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_ForEveryService()
    {
        var flows = new Flows(server, server.StoreA);
        await flows.SignInAsAdminAsync();
        var cookie = flows.Cookies.GetCookies(new Uri(flows.Base))["bc.session"]!;
        var account = await flows.Browser.GetStringAsync(flows.Base + "/auth/");
        account.ShouldContain(server.StoreA.AdminEmail);
        var token = Flows.AntiforgeryToken(account);

        var logout = await flows.Browser.PostAsync(flows.Base + "/auth/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        logout.Headers.Location!.ToString().ShouldBe("/auth/login?signedOut=true");
        (await server.Construction.CreateClient().SendAsync(CodeFlowTests.WithCookie(server.StoreA.Slug, cookie))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SigningInWithoutAReturnUrl_LandsOnTheStoresWebApp_AndTheAccountPageLinksToIt()
    {
        var flows = new Flows(server, server.StoreA);
        var signedIn = await flows.SignInAsync(server.StoreA.AdminEmail, server.StoreA.AdminPassword);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/web/");
        (await flows.Browser.GetStringAsync(flows.Base + "/auth/")).ShouldContain("href=\"/web/\"");
        // A full URL is never followed (an open redirect); the person lands at home instead.
        (await new Flows(server, server.StoreA).SignInAsync(server.StoreA.AdminEmail, server.StoreA.AdminPassword, "//evil.example/x"))
            .Headers.Location!.ToString().ShouldBe("/web/");
        Pages.LoginModel.HomeOf(Authentication.Operators.StoreSlug).ShouldBe("/ops/hangfire");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused()
    {
        var response = await server.Browser().PostAsync(server.BaseOf(server.StoreA.Slug) + "/auth/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = server.StoreA.AdminEmail, ["Password"] = server.StoreA.AdminPassword }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task LoginAndToken_AreRateLimited()
    {
        var port = Testing.LoopbackPorts.Free();
        await using var limited = server.StartIdentity(port, web =>
        {
            web.UseSetting("IdentityServer:LoginPermitsPerMinute", "3");
            web.UseSetting("IdentityServer:TokenPermitsPerMinute", "3");
        });
        limited.StartServer();
        var client = server.Browser();
        var login = $"http://{server.StoreA.Slug}.localhost:{port}/auth/login";
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsync(login, new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@b.c" }))).StatusCode);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);

        // Before client authentication: three wrong secrets are refused by OpenIddict (401), the fourth never reaches it.
        var token = $"http://{server.StoreA.Slug}.localhost:{port}/auth/connect/token";
        var answers = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            using var guess = new HttpRequestMessage(HttpMethod.Post, token)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            };
            guess.Headers.Authorization = CodeFlowTests.Basic(server.StoreA.ApiClientId, "adivinhando-" + i);
            last = await client.SendAsync(guess);
            answers.Add(last.StatusCode);
        }
        answers.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        last.Headers.RetryAfter.ShouldNotBeNull();
        // Introspection, which OpenIddict answers inside authentication, shares the budget.
        (await client.PostAsync($"http://{server.StoreA.Slug}.localhost:{port}/auth/connect/introspect",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = "x" }))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
