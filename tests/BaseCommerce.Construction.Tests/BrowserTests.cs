extern alias cli;
using System.Net.Http.Json;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using cli::BaseCommerce.Cli;
using cli::BaseCommerce.Cli.Infra;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The whole counter flow in headless Chromium (Debian's chromium and chromedriver), through the real nginx edge in
/// front of the Identity and Construction hosts: sign in as the store admin, build a quote in the wizard, send,
/// approve and convert it, deliver the order, and see the sale on the dashboard. Each page is kept as a screenshot
/// under .basec/test-results/screenshots.
/// </summary>
[Collection(ConstructionCollection.Name)]
public sealed class BrowserTests(ConstructionServer server) : IAsyncLifetime
{
    readonly int _constructionPort = LoopbackPorts.Free();
    readonly int _edgePort = LoopbackPorts.Free();
    readonly string _nginxPrefix = Directory.CreateTempSubdirectory("bc-browser-nginx-").FullName;
    readonly string _shots = Path.Combine(TestSettings.RepositoryRoot, ".basec", "test-results", "screenshots");
    WebApplicationFactory<Verticals.Construction.Data.ConstructionDb> _construction = null!;
    NginxServer _nginx = null!;
    ChromeDriver _browser = null!;
    int _shot;

    public async Task InitializeAsync()
    {
        if (!File.Exists("/usr/bin/chromium") || !File.Exists("/usr/bin/chromedriver"))
            throw new InvalidOperationException("chromium and chromium-driver are not installed: run the tests with ./basec test, which installs them.");
        _construction = server.StartKestrelConstruction(_constructionPort);
        _nginx = new NginxServer(Repo.Locate(), _nginxPrefix);
        _nginx.Render($"127.0.0.1:{_edgePort}", _constructionPort, server.IdentityPort, LoopbackPorts.Free());
        await _nginx.StartOrReloadAsync(_edgePort);

        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
            "--user-data-dir=" + Directory.CreateTempSubdirectory("bc-chromium-").FullName);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.HideCommandPromptWindow = true;
        _browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        if (Directory.Exists(_shots))
            Directory.Delete(_shots, recursive: true); // only this run's pages, no stale failure shots
        Directory.CreateDirectory(_shots);
    }

    [Fact]
    public async Task TheCounterFlow_FromSignInToTheDashboard()
    {
        var store = await server.CreateStoreAsync("navegador");
        const string email = "admin@navegador.test", password = "Senha@12345";
        using (var scope = server.Identity.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(store);
            await scope.ServiceProvider.GetRequiredService<StaffAdmin>().CreateAsync(email, "Admin Navegador", ["admin"], password);
        }
        var api = server.Client(store, await server.StaffTokenAsync(store, "admin"));
        (await api.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "PJ", nome = "Construtora Horizonte", documento = TestDocuments.Cnpj(), cidade = "Volta Redonda", estado = "RJ" }))
            .EnsureSuccessStatusCode();
        var cement = await Store.OkAsync(await api.PostAsJsonAsync("/api/v1/produtos/", new { codigo = "CIM-50", nome = "Cimento CP II 50kg", unidade = "SAC", preco_base = "32.00" }),
            System.Net.HttpStatusCode.Created);
        await Store.ReceiveAsync(api, Store.Id(cement)); // the order leaves only with its stock
        var site = $"http://{store.Slug}.localhost:{_edgePort}";

        _browser.Navigate().GoToUrl(site + "/web/");
        WaitFor(() => _browser.Url.Contains("/auth/login"), "the login page");
        Shot("login");
        _browser.FindElement(By.Id("email")).SendKeys(email);
        _browser.FindElement(By.Id("password")).SendKeys(password);
        _browser.FindElement(By.CssSelector("button[type=submit]")).Click();
        WaitFor(() => _browser.Title.StartsWith("Dashboard"), "the dashboard");
        Shot("dashboard-inicio");

        _browser.Navigate().GoToUrl(site + "/web/cotacoes/nova");
        WaitFor(() => Exists(By.Id("busca-cliente")), "the wizard");
        _browser.FindElement(By.Id("busca-cliente")).SendKeys("Horizonte");
        Click(By.CssSelector("#clientes-encontrados a"));
        WaitFor(() => Exists(By.Id("cliente-escolhido")), "the chosen customer");
        WaitFor(() => _browser.Url.Contains("/web/cotacoes/nova/"), "the stored wizard's address, from its first step");
        _browser.FindElement(By.Id("busca-produto")).SendKeys("Cimento");
        Click(By.CssSelector("#produtos-encontrados a"));
        WaitFor(() => Exists(By.CssSelector("#itens input[name=quantidade]")), "the item line");
        // Select and overtype, then leave the field: one change event, as a person typing causes (Clear() fires its own).
        var quantity = _browser.FindElement(By.CssSelector("#itens input[name=quantidade]"));
        quantity.SendKeys(Keys.Control + "a");
        quantity.SendKeys("10" + Keys.Tab);
        WaitFor(() => Text(By.Id("total")) == "R$ 320,00", "the live total");
        Shot("assistente");
        Click(By.CssSelector("button[value=true]"));
        WaitFor(() => _browser.PageSource.Contains("Enviada") && _browser.Url.Contains("/web/cotacoes/"), "the sent quote");
        Shot("cotacao-enviada");

        Confirm(By.XPath("//button[normalize-space()='Aprovar']"));
        WaitFor(() => _browser.PageSource.Contains("aprovada."), "the approved quote");
        Confirm(By.XPath("//button[normalize-space()='Converter em pedido']"));
        WaitFor(() => _browser.Url.EndsWith("/web/pedidos"), "the orders page");
        Shot("pedidos");
        foreach (var next in new[] { "Em preparação", "Saiu para entrega", "Entregue" })
        {
            Confirm(By.XPath($"//table[@id='pedidos']//button[normalize-space()='{next}']"));
            WaitFor(() => _browser.PageSource.Contains($": {next}."), $"the order moved to {next}");
        }
        Shot("pedido-entregue");

        _browser.Navigate().GoToUrl(site + "/web/");
        WaitFor(() => Text(By.Id("vendas-semana")) == "R$ 320,00", "the week's sales on the dashboard");
        _browser.FindElement(By.Id("mais-vendidos")).Text.ShouldContain("Cimento CP II 50kg");
        Shot("dashboard-venda");

        // A draft quote and a pending order, so the phone lists below have row actions to reach.
        var customerId = (await Store.OkAsync(await api.GetAsync("/api/v1/clientes/"), System.Net.HttpStatusCode.OK))[0].GetProperty("id").GetGuid();
        var productId = (await Store.OkAsync(await api.GetAsync("/api/v1/produtos/"), System.Net.HttpStatusCode.OK))[0].GetProperty("id").GetGuid();
        var item = new[] { new { produto_id = productId, quantidade = "1234.5", preco_unitario = "32.00" } };
        (await api.PostAsJsonAsync("/api/v1/cotacoes/", new { cliente_id = customerId, itens = item })).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/v1/pedidos/", new { cliente_id = customerId, itens = item })).EnsureSuccessStatusCode();

        // On a phone-sized screen every page fits its width: nothing to scroll sideways at the counter or on a delivery.
        _browser.Manage().Window.Size = new System.Drawing.Size(390, 844);
        foreach (var page in new[] { "/web/", "/web/cotacoes", "/web/cotacoes/nova", "/web/pedidos", "/web/clientes", "/web/produtos", "/web/estoque", "/web/insights/estoque",
                     "/web/insights/vendas", "/web/insights/precos", "/web/insights/entregas", "/web/configuracoes" })
        {
            _browser.Navigate().GoToUrl(site + page);
            WaitFor(() => Exists(By.CssSelector("main h1")), page);
            var overflow = Convert.ToInt64(_browser.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"));
            overflow.ShouldBeLessThanOrEqualTo(0L, $"{page} is wider than a phone screen");
            OnScreen("td.actions button, td.c-total, td.c-status").ShouldBe("", $"on {page}, outside the screen");
            Convert.ToBoolean(_browser.ExecuteScript("return [...document.querySelectorAll('td.c-id a, td.c-total')].every(e => e.getClientRects().length === 1 && e.scrollWidth <= e.clientWidth + 1);"))
                .ShouldBeTrue($"on {page}, a number or total wraps or is cut");
            if (page is "/web/cotacoes" or "/web/pedidos")
                Convert.ToInt64(_browser.ExecuteScript("return document.querySelectorAll('td.actions button').length;")).ShouldBeGreaterThan(0L, page);
            Shot("celular" + page.Replace('/', '-').TrimEnd('-'));
        }

        // The wizard's item lines fit a phone too: every input, the line total and the remove button.
        _browser.Navigate().GoToUrl(site + "/web/cotacoes/nova");
        _browser.FindElement(By.Id("busca-cliente")).SendKeys("Horizonte");
        Click(By.CssSelector("#clientes-encontrados a"));
        WaitFor(() => Exists(By.Id("cliente-escolhido")), "the chosen customer on a phone");
        _browser.FindElement(By.Id("busca-produto")).SendKeys("Cimento");
        Click(By.CssSelector("#produtos-encontrados a"));
        WaitFor(() => Exists(By.CssSelector("#itens input[name=quantidade]")), "the item line on a phone");
        Convert.ToInt64(_browser.ExecuteScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
            .ShouldBeLessThanOrEqualTo(0L, "the wizard is wider than a phone screen");
        OnScreen("#itens input, #itens td.c-total, #itens button").ShouldBe("", "wizard items outside the screen");
        Shot("celular-assistente-item");
        _browser.Manage().Window.Size = new System.Drawing.Size(1280, 1000);

        // Signing out ends the session: the pages send the person back to the login.
        Click(By.Id("sair"));
        Click(By.CssSelector("main button[type=submit]"));
        WaitFor(() => _browser.PageSource.Contains("Você saiu da sua conta"), "the signed-out login page");
        _browser.Navigate().GoToUrl(site + "/web/pedidos");
        WaitFor(() => _browser.Url.Contains("/auth/login"), "the login page after signing out");
    }

    void Click(By by) => WaitFor(() =>
    {
        try { _browser.FindElement(by).Click(); return true; }
        catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException or ElementNotInteractableException) { return false; }
    }, by.ToString());

    /// <summary>Clicks a button guarded by hx-confirm and accepts the browser's confirm dialog.</summary>
    void Confirm(By by)
    {
        Click(by);
        WaitFor(() =>
        {
            try { _browser.SwitchTo().Alert().Accept(); return true; }
            catch (NoAlertPresentException) { return false; }
        }, "the confirm dialog");
    }

    bool Exists(By by) => _browser.FindElements(by).Count > 0;

    /// <summary>The elements matching <paramref name="css"/> that stick out of the window's width (empty when none does).</summary>
    string OnScreen(string css) => (string?)_browser.ExecuteScript(
        "return [...document.querySelectorAll(arguments[0])].filter(e => { const r = e.getBoundingClientRect(); " +
        "return r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth + 0.5); }).map(e => e.outerHTML.slice(0, 80)).join(' | ');", css) ?? "";

    string Text(By by)
    {
        try { return _browser.FindElement(by).Text.Trim(); }
        catch (Exception e) when (e is NoSuchElementException or StaleElementReferenceException) { return ""; }
    }

    void WaitFor(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                Shot("falhou");
                throw new TimeoutException($"Waited 20 s for {what}; the page is {_browser.Url}.");
            }
            Thread.Sleep(100);
        }
    }

    void Shot(string name) =>
        _browser.GetScreenshot().SaveAsFile(Path.Combine(_shots, $"{++_shot:D2}-{name}.png"));

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        if (_nginx is not null) await _nginx.StopAsync();
        if (_construction is not null) await _construction.DisposeAsync();
        Directory.Delete(_nginxPrefix, recursive: true);
    }
}
