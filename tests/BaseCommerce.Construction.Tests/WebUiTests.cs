using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The web UI over HTTP: sign-in redirects, the wizard with server-side state, actions, roles, errors in pt-BR.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class WebUiTests(ConstructionServer server)
{
    [Fact]
    public async Task WithoutASession_PagesRedirectToTheStoresLogin_AndHtmxGetsHxRedirect()
    {
        var store = await Store.CreateAsync(server, "web");
        var client = server.Construction.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Tenant-Slug", store.Tenant.Slug);

        var page = await client.GetAsync("/web/cotacoes");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldBe("/auth/login?ReturnUrl=%2Fweb%2Fcotacoes");

        var htmx = new HttpRequestMessage(HttpMethod.Get, "/web/pedidos");
        htmx.Headers.Add("HX-Request", "true");
        var response = await client.SendAsync(htmx);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.GetValues("HX-Redirect").Single().ShouldBe("/auth/login?ReturnUrl=%2Fweb%2Fpedidos");
    }

    [Fact]
    public async Task TheWizard_BuildsAQuoteWithLiveTotals_KeepsItsStateInTheDatabase_AndSavesAndSends()
    {
        var store = await Store.CreateAsync(server, "assist");
        var setup = await store.SetupAsync();
        var web = await WebSession.SignInAsync(server, store.Tenant, "vendedor");

        // Visits, searches and a refused first step write no draft; the first accepted step stores it and names its address.
        await web.PageAsync("/web/cotacoes/nova");
        await web.PageAsync("/web/cotacoes/nova");
        var found = await (await web.Client.GetAsync("/web/cotacoes/nova?handler=BuscarClientes&q=Construtora")).Content.ReadAsStringAsync();
        found.ShouldContain("Construtora Teste");
        found.ShouldContain($"/web/cotacoes/nova?handler=Cliente&amp;id={setup.CustomerId}");
        (await web.HtmxAsync($"/web/cotacoes/nova?handler=Cliente&id={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WizardRowsAsync(store)).ShouldBe(0);
        var first = await web.HtmxAsync($"/web/cotacoes/nova?handler=Cliente&id={setup.CustomerId}");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wizard = first.Headers.GetValues("HX-Replace-Url").Single();
        wizard.ShouldStartWith("/web/cotacoes/nova/");
        (await first.Content.ReadAsStringAsync()).ShouldContain($"{wizard}?handler=Obra");
        (await WizardRowsAsync(store)).ShouldBe(1);
        (await web.PageAsync(wizard)).ShouldContain("Construtora Teste");
        (await web.HtmxAsync($"{wizard}?handler=Obra", new() { ["obraId"] = setup.SiteId.ToString() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await web.Client.GetAsync($"{wizard}?handler=BuscarProdutos&q=Cimento")).Content.ReadAsStringAsync()).ShouldContain("R$ 32,00");
        await web.HtmxAsync($"{wizard}?handler=Adicionar&id={setup.ProductId}");
        var line = await (await web.HtmxAsync($"{wizard}?handler=Item&indice=0", new() { ["quantidade"] = "10", ["preco"] = "32,00", ["desconto"] = "0" })).Content.ReadAsStringAsync();
        line.ShouldContain("R$ 320,00");
        var bad = await web.HtmxAsync($"{wizard}?handler=Item&indice=0", new() { ["quantidade"] = "-1", ["preco"] = "32,00" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badBody = await bad.Content.ReadAsStringAsync();
        badBody.ShouldContain("Quantidade de Cimento CP II inválida");
        badBody.ShouldContain("R$ 320,00", customMessage: "a refused change leaves the stored state as it was");
        var header = await (await web.HtmxAsync($"{wizard}?handler=Cabecalho", new() { ["desconto"] = "5", ["validade"] = "10" })).Content.ReadAsStringAsync();
        header.ShouldContain("R$ 304,00");

        // Another replica (a new host on the same database) continues the same wizard.
        await using var replica = new WebApplicationFactory<Verticals.Construction.Data.ConstructionDb>().WithWebHostBuilder(w =>
        {
            w.UseSetting("ConnectionStrings:Postgres", server.Database.AppConnection);
            w.UseSetting("ConnectionStrings:Redis", Testing.TestSettings.Redis);
            w.UseSetting("Migrations:ApplyOnStart", "false");
            w.UseSetting("Messaging:KeyPrefix", server.Prefix);
        });
        var other = web.On(server, store.Tenant, replica);
        (await other.PageAsync(wizard)).ShouldContain("R$ 304,00");

        var saved = await other.PostFormAsync($"{wizard}?handler=Salvar", new() { ["enviar"] = "true" });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var quotePage = await other.PageAsync(saved.Headers.Location!.ToString());
        quotePage.ShouldContain("Enviada");
        quotePage.ShouldContain("R$ 304,00");
        (await other.Client.GetAsync(wizard)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a saved wizard is gone");
    }

    async Task<long> WizardRowsAsync(Store store)
    {
        await using var db = new Npgsql.NpgsqlConnection(server.Database.OwnerConnection);
        await db.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT set_config('app.tenant_id', @t, false); SELECT count(*) FROM construction.assistentes_cotacao", db);
        cmd.Parameters.AddWithValue("t", store.Tenant.Id.ToString());
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    [Fact]
    public async Task QuoteAndOrderActions_FollowTheRoles_AndEndOnTheDashboard()
    {
        var store = await Store.CreateAsync(server, "acoes");
        var setup = await store.SetupAsync();
        await Store.ReceiveAsync(setup.Admin, setup.ProductId);
        var quote = Store.Id(await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId, siteId: setup.SiteId));
        await setup.Admin.PostAsync($"/api/v1/cotacoes/{quote}/enviar", null);

        var vendedor = await WebSession.SignInAsync(server, store.Tenant, "vendedor");
        await vendedor.PageAsync($"/web/cotacoes/{quote}");
        var refused = await vendedor.HtmxAsync($"/web/cotacoes/{quote}?handler=Aprovar");
        refused.Headers.Contains("HX-Location").ShouldBeTrue();
        (await vendedor.PageAsync($"/web/cotacoes/{quote}")).ShouldContain("Você não tem permissão");

        var admin = await WebSession.SignInAsync(server, store.Tenant, "admin");
        (await admin.PageAsync("/web/cotacoes")).ShouldContain("Aprovar");
        await admin.HtmxAsync($"/web/cotacoes/{quote}?handler=Aprovar");
        (await admin.PageAsync($"/web/cotacoes/{quote}")).ShouldContain("Aprovada");
        var converted = await admin.HtmxAsync($"/web/cotacoes/{quote}?handler=Converter");
        converted.Headers.GetValues("HX-Location").Single().ShouldBe("/web/pedidos");
        var orders = await admin.PageAsync("/web/pedidos");
        orders.ShouldContain("PED-001");
        var order = Regex.Match(orders, "id=\"pedido-([0-9a-f-]{36})\"").Groups[1].Value;
        foreach (var status in new[] { "em_preparacao", "saiu_entrega", "entregue" })
            await admin.HtmxAsync($"/web/pedidos?handler=Status&id={order}&status={status}");
        (await admin.PageAsync("/web/pedidos")).ShouldContain("Entregue");
        var dashboard = await admin.PageAsync("/web/");
        Regex.Match(dashboard, "id=\"vendas-semana\">([^<]+)<").Groups[1].Value.ShouldBe("R$ 320,00");
        dashboard.ShouldContain("Cimento CP II");
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var store = await Store.CreateAsync(server, "csrf");
        var setup = await store.SetupAsync();
        var quote = Store.Id(await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId));
        var admin = await WebSession.SignInAsync(server, store.Tenant, "admin");

        var forged = await admin.Client.PostAsync($"/web/cotacoes/{quote}?handler=Cancelar", new FormUrlEncodedContent([]));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/cotacoes/{quote}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("rascunho");
    }

    [Fact]
    public async Task AnotherStoresSession_IsRefused_AndItsRowsAreNotFound()
    {
        var a = await Store.CreateAsync(server, "web-a");
        var b = await Store.CreateAsync(server, "web-b");
        var setupA = await a.SetupAsync();
        var quoteA = Store.Id(await a.QuoteAsync(setupA.Admin, setupA.CustomerId, setupA.ProductId));
        var sessionA = await WebSession.SignInAsync(server, a.Tenant, "admin");
        var sessionB = await WebSession.SignInAsync(server, b.Tenant, "admin");

        var onB = sessionA.On(server, b.Tenant, server.Construction);
        (await onB.Client.GetAsync("/web/cotacoes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await sessionB.Client.GetAsync($"/web/cotacoes/{quoteA}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await sessionB.PageAsync("/web/cotacoes")).ShouldNotContain(quoteA.ToString());
    }

    [Fact]
    public async Task RegistrationForms_WriteThroughTheSameRules_AndShowPortugueseErrors()
    {
        var store = await Store.CreateAsync(server, "forms");
        var admin = await WebSession.SignInAsync(server, store.Tenant, "admin");
        await admin.PageAsync("/web/clientes");

        var bad = await admin.PostFormAsync("/web/clientes?handler=Criar", new() { ["Tipo"] = "PF", ["Nome"] = "Ana", ["Documento"] = "111.111.111-11" });
        bad.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.PageAsync("/web/clientes")).ShouldContain("CPF inválido");

        var cnpj = Testing.TestDocuments.Cnpj();
        await admin.PostFormAsync("/web/clientes?handler=Criar", new() { ["Tipo"] = "PJ", ["Nome"] = "Construtora Nova", ["Documento"] = cnpj, ["Cidade"] = "Resende", ["Estado"] = "RJ" });
        (await admin.PageAsync("/web/clientes")).ShouldContain("Construtora Nova");
        await admin.PostFormAsync("/web/produtos?handler=Criar", new() { ["Nome"] = "Areia média", ["Unidade"] = "M3", ["Preco"] = "129,90" });
        (await admin.PageAsync("/web/produtos")).ShouldContain("R$ 129,90");
        await admin.PostFormAsync("/web/fornecedores?handler=Criar", new() { ["Nome"] = "Areal do Vale", ["Documento"] = Testing.TestDocuments.Cnpj() });
        (await admin.PageAsync("/web/fornecedores")).ShouldContain("Areal do Vale");
        var estoque = await admin.PageAsync("/web/estoque");
        var product = Regex.Match(estoque, "<option value=\"([0-9a-f-]{36})\">Areia média</option>").Groups[1].Value;
        await admin.PostFormAsync("/web/estoque?handler=Entrada", new() { ["produtoId"] = product, ["quantidade"] = "12,5" });
        (await admin.PageAsync("/web/estoque")).ShouldContain("12,5");
    }
}
