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
