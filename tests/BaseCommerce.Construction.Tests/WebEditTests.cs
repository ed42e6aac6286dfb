using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>Editing customers, products (with their price history) and suppliers in the web UI; other stores' pages are not found.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class WebEditTests(ConstructionServer server)
{
    [Fact]
    public async Task ControlCharacters_FromTheAddressOrAForm_AreRefusedInPortuguese_AndReachNoQuery()
    {
        var store = await Store.CreateAsync(server, "controle");
        var setup = await store.SetupAsync();
        var web = await WebSession.SignInAsync(server, store.Tenant, "admin");

        var search = await web.Client.GetAsync("/web/clientes?busca=%00");
        search.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        search.Headers.Location!.ToString().ShouldBe("/web/clientes");
        (await web.PageAsync("/web/clientes")).ShouldContain("caractere nulo");
        (await web.Client.GetAsync("/web/produtos?busca=a%07b")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await web.PageAsync($"/web/clientes/{setup.CustomerId}");
        // A control character pasted into a form field (a NUL in a form never gets this far: ASP.NET Core refuses that form with a 400).
        (await web.PostFormAsync($"/web/clientes/{setup.CustomerId}", new() { ["Nome"] = "Nome\u0007Novo" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = await web.PageAsync($"/web/clientes/{setup.CustomerId}");
        page.ShouldContain("O nome: contém um caractere de controle (U&#x2B;0007)");
        page.ShouldContain("Construtora Teste", customMessage: "nothing was saved");
    }

    [Fact]
    public async Task Edits_GoThroughTheSameRules_AndThePriceHistoryShows()
    {
        var store = await Store.CreateAsync(server, "editar");
        var setup = await store.SetupAsync();
        var supplier = Store.Id(await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/fornecedores/", new { nome = "Areal Sul", documento = TestDocuments.Cnpj() }), HttpStatusCode.Created));
        await setup.Admin.PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos", new { produto_id = setup.ProductId, preco = "30.00" });
        await setup.Admin.PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos", new { produto_id = setup.ProductId, preco = "29.00" });
        var web = await WebSession.SignInAsync(server, store.Tenant, "admin");

        await web.PageAsync($"/web/clientes/{setup.CustomerId}");
        await web.PostFormAsync($"/web/clientes/{setup.CustomerId}", new() { ["Nome"] = "Construtora Renomeada", ["Cidade"] = "Resende", ["Estado"] = "ZZ" });
        (await web.PageAsync($"/web/clientes/{setup.CustomerId}")).ShouldContain("Estado inválido");
        await web.PostFormAsync($"/web/clientes/{setup.CustomerId}", new() { ["Nome"] = "Construtora Renomeada", ["Cidade"] = "Resende", ["Estado"] = "RJ" });
        (await web.PageAsync($"/web/clientes/{setup.CustomerId}")).ShouldContain("Construtora Renomeada");
        await web.PageAsync($"/web/obras/{setup.SiteId}");
        await web.PostFormAsync($"/web/obras/{setup.SiteId}", new() { ["Nome"] = "Obra Centro", ["Cidade"] = "Barra Mansa", ["Estado"] = "RJ", ["Ativa"] = "true" });
        (await web.PageAsync($"/web/clientes/{setup.CustomerId}")).ShouldContain("Obra Centro");

        await web.PageAsync($"/web/produtos/{setup.ProductId}");
        await web.PostFormAsync($"/web/produtos/{setup.ProductId}", new() { ["nome"] = "Cimento CP II", ["unidade"] = "KG", ["preco"] = "34,50", ["ativo"] = "true" });
        var product = await web.PageAsync($"/web/produtos/{setup.ProductId}");
        product.ShouldContain("R$ 32,00");
        product.ShouldContain("R$ 34,50");
        product.ShouldContain("Areal Sul");
        (await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/produtos/{setup.ProductId}"), HttpStatusCode.OK)).GetProperty("preco_base").GetString().ShouldBe("34.50");

        var supplierPage = await web.PageAsync($"/web/fornecedores/{supplier}");
        supplierPage.ShouldContain("R$ 29,00");
        supplierPage.ShouldContain("Histórico");

        var vendedor = await WebSession.SignInAsync(server, store.Tenant, "vendedor");
        await vendedor.PageAsync($"/web/produtos/{setup.ProductId}");
        await vendedor.PostFormAsync($"/web/produtos/{setup.ProductId}", new() { ["nome"] = "Hackeado", ["unidade"] = "KG", ["preco"] = "1,00" });
        (await vendedor.PageAsync($"/web/produtos/{setup.ProductId}")).ShouldContain("Você não tem permissão");
        (await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/produtos/{setup.ProductId}"), HttpStatusCode.OK)).GetProperty("nome").GetString().ShouldBe("Cimento CP II");
    }

    [Fact]
    public async Task EveryPage_OfAnotherStoresRow_IsNotFound_AndListsShowNoneOfIt()
    {
        var a = await Store.CreateAsync(server, "pag-a");
        var b = await Store.CreateAsync(server, "pag-b");
        var setupA = await a.SetupAsync();
        var supplierA = Store.Id(await Store.OkAsync(await setupA.Admin.PostAsJsonAsync("/api/v1/fornecedores/", new { nome = "Fornecedor Exclusivo A", documento = TestDocuments.Cnpj() }), HttpStatusCode.Created));
        await setupA.Admin.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = setupA.ProductId, quantidade = 5 });
        var quoteA = Store.Id(await a.QuoteAsync(setupA.Admin, setupA.CustomerId, setupA.ProductId));
        var webB = await WebSession.SignInAsync(server, b.Tenant, "admin");

        foreach (var url in new[] { $"/web/clientes/{setupA.CustomerId}", $"/web/obras/{setupA.SiteId}", $"/web/produtos/{setupA.ProductId}", $"/web/fornecedores/{supplierA}", $"/web/cotacoes/{quoteA}" })
            (await webB.Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        foreach (var url in new[] { "/web/clientes", "/web/produtos", "/web/fornecedores", "/web/estoque", "/web/cotacoes", "/web/pedidos", "/web/" })
        {
            var page = await webB.PageAsync(url);
            page.ShouldNotContain("Construtora Teste", customMessage: url);
            page.ShouldNotContain("Fornecedor Exclusivo A", customMessage: url);
            page.ShouldNotContain(setupA.ProductId.ToString(), customMessage: url);
        }

        var apiB = await b.AdminAsync();
        await Store.ProblemAsync(await apiB.GetAsync($"/api/v1/fornecedores/{supplierA}"), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await apiB.GetAsync($"/api/v1/fornecedores/{supplierA}/precos"), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await apiB.PostAsJsonAsync($"/api/v1/fornecedores/{supplierA}/precos", new { produto_id = setupA.ProductId, preco = 1 }), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await apiB.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = setupA.ProductId, quantidade = 1 }), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await apiB.GetAsync($"/api/v1/produtos/{setupA.ProductId}/precos-fornecedores"), HttpStatusCode.NotFound);
        (await (await apiB.GetAsync("/api/v1/estoque/movimentos")).Content.ReadAsStringAsync()).ShouldNotContain(setupA.ProductId.ToString());
        (await (await apiB.GetAsync("/api/v1/fornecedores/")).Content.ReadAsStringAsync()).ShouldNotContain(supplierA.ToString());
    }
}
