using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The Pricing engine end to end, and its best supplier reaching the Stock engine's purchase suggestion.</summary>
[Collection(EnginesCollection.Name)]
public sealed class PricingEngineTests(EnginesServer server)
{
    [Fact]
    public async Task SupplierPrices_GiveTheBestSupplier_ASuggestedPrice_AndAlerts_AndTheSuggestionBuysInTheSuppliersPacks()
    {
        var store = await Store.CreateAsync(server, "precos");
        var setup = await store.SetupAsync(); // product at 32.00
        var admin = setup.Admin;
        var s1 = await SupplierAsync(admin, "Distribuidora Um");
        var s2 = await SupplierAsync(admin, "Distribuidora Dois");
        await PriceAsync(admin, s1, setup.ProductId, "30.00", "10");
        await PriceAsync(admin, s2, setup.ProductId, "28.00");
        var url = $"/api/v1/insights/precos/produtos/{setup.ProductId}";

        // The comparison, the best supplier and the suggested price are three events, projected by the vertical in whatever
        // order they are consumed: wait for all three made from both suppliers, not merely for both in the comparison.
        var first = await StockEngineTests.EventuallyAsync(admin, url, p => p.GetProperty("preco_sugerido").ValueKind != System.Text.Json.JsonValueKind.Null
            && p.GetProperty("comparacao").GetArrayLength() == 2
            && p.GetProperty("preco_sugerido").GetProperty("preco_sugerido").GetString() == "36.40"
            && p.GetProperty("melhor_fornecedor").ValueKind != System.Text.Json.JsonValueKind.Null
            && p.GetProperty("melhor_fornecedor").GetProperty("fornecedor_id").GetGuid() == s2);
        first.GetProperty("melhor_fornecedor").GetProperty("fornecedor_id").GetGuid().ShouldBe(s2);
        (first.GetProperty("preco_sugerido").GetProperty("preco_sugerido").GetString(), first.GetProperty("preco_sugerido").GetProperty("abaixo_margem_minima").GetBoolean())
            .ShouldBe(("36.40", true));

        await PriceAsync(admin, s2, setup.ProductId, "31.50"); // +12.5%: an alert, and S2 becomes unstable
        var second = await StockEngineTests.EventuallyAsync(admin, url, p => p.GetProperty("melhor_fornecedor").GetProperty("fornecedor_id").GetGuid() == s1
            && p.GetProperty("preco_sugerido").GetProperty("preco_sugerido").GetString() == "39.00"
            && p.GetProperty("comparacao")[1].GetProperty("estabilidade").GetString() == "instavel");
        second.GetProperty("melhor_fornecedor").GetProperty("alternativas")[0].GetGuid().ShouldBe(s2);
        second.GetProperty("preco_sugerido").GetProperty("preco_sugerido").GetString().ShouldBe("39.00");
        second.GetProperty("comparacao")[1].GetProperty("estabilidade").GetString().ShouldBe("instavel");
        var alerts = await StockEngineTests.EventuallyAsync(admin, "/api/v1/insights/precos/alertas", p => p.GetProperty("itens").GetArrayLength() == 1);
        var alert = alerts.GetProperty("itens")[0];
        (alert.GetProperty("tipo").GetString(), alert.GetProperty("variacao_percentual").GetString(), alert.GetProperty("fornecedor").GetString())
            .ShouldBe(("aumento", "12.50", "Distribuidora Dois"));

        // The Stock engine hears of the best supplier (S1, packs of 10): the suggestion of 14 becomes 20.
        await Store.ReceiveAsync(admin, setup.ProductId, "40");
        var order = Store.Id(await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/pedidos/", new
        {
            cliente_id = setup.CustomerId, itens = new[] { new { produto_id = setup.ProductId, quantidade = "35", preco_unitario = "32.00" } },
        }), HttpStatusCode.Created));
        await Store.OkAsync(await admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "entregue" }), HttpStatusCode.OK);
        await StockEngineTests.EventuallyAsync(admin, "/api/v1/insights/estoque/reposicao",
            p => p.GetProperty("itens").GetArrayLength() == 1 && p.GetProperty("itens")[0].GetProperty("quantidade").GetString() == "20.000");

        var web = await WebSession.SignInAsync(server, store.Tenant, "admin");
        (await web.PageAsync("/web/insights/precos")).ShouldContain("O preço do fornecedor subiu 12,5%: de R$ 28,00 para R$ 31,50.");
        (await web.PageAsync("/web/")).ShouldContain("Preço subiu");
        (await web.PageAsync($"/web/produtos/{setup.ProductId}")).ShouldContain("Melhor fornecedor: <strong>Distribuidora Um</strong>");

        var other = await (await Store.CreateAsync(server, "outra")).AdminAsync();
        await Store.ProblemAsync(await other.GetAsync(url), HttpStatusCode.NotFound);
        (await Store.OkAsync(await other.GetAsync("/api/v1/insights/precos/alertas"), HttpStatusCode.OK)).GetProperty("itens").GetArrayLength().ShouldBe(0);
    }

    static async Task<Guid> SupplierAsync(HttpClient admin, string name) =>
        Store.Id(await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/fornecedores/", new { nome = name, documento = TestDocuments.Cnpj() }),
            HttpStatusCode.Created));

    static async Task PriceAsync(HttpClient admin, Guid supplier, Guid product, string price, string? minimum = null) =>
        await Store.OkAsync(await admin.PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos",
            new { produto_id = product, preco = price, quantidade_minima = minimum }), HttpStatusCode.Created);
}
