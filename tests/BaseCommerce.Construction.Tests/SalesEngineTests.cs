using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The Sales engine end to end: delivered orders → its lists → the vertical's projection → API, product page and wizard.</summary>
[Collection(EnginesCollection.Name)]
public sealed class SalesEngineTests(EnginesServer server)
{
    [Fact]
    public async Task DeliveredOrders_GiveComplements_BundlesPatterns_AndCartSuggestions_InTheApiAndTheWizard()
    {
        var store = await Store.CreateAsync(server, "vendas");
        var setup = await store.SetupAsync();
        var admin = setup.Admin;
        var a = setup.ProductId;
        var b = Store.Id(await store.ProductAsync(admin, "50.00"));
        var c = Store.Id(await store.ProductAsync(admin, "90.00"));
        foreach (var p in new[] { a, b, c })
            await Store.ReceiveAsync(admin, p);
        // Orders with A: 3. B is in 2 of them (66.67%, media), C in 1 (33.33%, baixa). Orders with B: 2, A in both (100%, alta).
        foreach (var cart in new[] { new[] { a, b }, [a, b], [a, c] })
            await DeliverAsync(setup, cart);

        var complements = await StockEngineTests.EventuallyAsync(admin, $"/api/v1/insights/vendas/produtos/{a}/complementares",
            page => page.GetProperty("itens").GetArrayLength() == 2);
        var items = complements.GetProperty("itens");
        (items[0].GetProperty("produto_id").GetGuid(), items[0].GetProperty("frequencia").GetString(), items[0].GetProperty("prioridade").GetString())
            .ShouldBe((b, "66.67", "media"));
        (items[1].GetProperty("produto_id").GetGuid(), items[1].GetProperty("frequencia").GetString(), items[1].GetProperty("prioridade").GetString())
            .ShouldBe((c, "33.33", "baixa"));
        items[0].GetProperty("explicacao").GetString().ShouldBe("67% dos pedidos com este produto também contêm o produto sugerido");
        var ofB = (await Store.OkAsync(await admin.GetAsync($"/api/v1/insights/vendas/produtos/{b}/complementares"), HttpStatusCode.OK)).GetProperty("itens");
        (ofB.GetArrayLength(), ofB[0].GetProperty("produto_id").GetGuid(), ofB[0].GetProperty("prioridade").GetString()).ShouldBe((1, a, "alta"));

        // Bundles: 3 multi-item orders, A+B in 2 (66.67% ≥ 50%); A+C in 1 (33%) is not one.
        var bundles = await StockEngineTests.EventuallyAsync(admin, "/api/v1/insights/vendas/combos", page => page.GetProperty("itens").GetArrayLength() == 1);
        bundles.GetProperty("itens")[0].GetProperty("pedidos").GetInt32().ShouldBe(2);
        // The customer bought A in 3 of 3 orders, B in 2, C in 1 (33.33% ≥ 30%).
        var pattern = await StockEngineTests.EventuallyAsync(admin, $"/api/v1/insights/vendas/clientes/{setup.CustomerId}/padroes",
            page => page.GetProperty("itens").GetArrayLength() == 3);
        pattern.GetProperty("itens")[0].GetProperty("frequencia").GetString().ShouldBe("100.00");

        // Cart suggestions: [A] → B then C; [A, B] → only C (B is in the cart, and A, B's complement, too).
        var single = await Cart(admin, a);
        single.Select(s => s.GetProperty("produto_id").GetGuid()).ShouldBe([b, c]);
        var pair = await Cart(admin, a, b);
        pair.Select(s => s.GetProperty("produto_id").GetGuid()).ShouldBe([c]);
        await Store.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/insights/vendas/carrinho", new { itens = new[] { new { produto_id = (Guid?)null } } }),
            HttpStatusCode.BadRequest, null, "itens[0].produto_id");

        // The wizard: a cart with A offers "Clientes também levam" with B, and one click adds it.
        var web = await WebSession.SignInAsync(server, store.Tenant, "vendedor");
        await web.PageAsync("/web/cotacoes/nova");
        var response = await web.HtmxAsync($"/web/cotacoes/nova?handler=Adicionar&id={a}");
        var wizard = response.Headers.GetValues("HX-Replace-Url").Single();
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Clientes também levam");
        html.ShouldContain($"handler=Adicionar&id={b}");
        var added = await (await web.HtmxAsync($"{wizard}?handler=Adicionar&id={b}")).Content.ReadAsStringAsync();
        added.ShouldNotContain($"handler=Adicionar&id={b}", Case.Sensitive, "B is in the cart now");
        added.ShouldContain($"handler=Adicionar&id={c}");
        (await web.PageAsync($"/web/produtos/{a}")).ShouldContain("67% dos pedidos com este produto");
        var vendas = await web.PageAsync("/web/insights/vendas");
        vendas.ShouldContain("Em 66,7% dos pedidos com mais de um item");
        vendas.ShouldContain("id=\"com-complementos\"");

        var other = await (await Store.CreateAsync(server, "outra")).AdminAsync();
        await Store.ProblemAsync(await other.GetAsync($"/api/v1/insights/vendas/produtos/{a}/complementares"), HttpStatusCode.NotFound);
        (await Cart(other, a)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Substitutes_AreTheSameUnitWithin20Percent_AndFollowTheCatalogue()
    {
        var store = await Store.CreateAsync(server, "substitutos");
        var admin = await store.AdminAsync();
        var p1 = Store.Id(await store.ProductAsync(admin, "32.00"));
        var p2 = Store.Id(await store.ProductAsync(admin, "35.00"));
        await store.ProductAsync(admin, "40.00"); // +25%: too far
        await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/produtos/", new { nome = "Outra unidade", unidade = "UN", preco_base = "33.00" }),
            HttpStatusCode.Created);

        var page = await StockEngineTests.EventuallyAsync(admin, $"/api/v1/insights/vendas/produtos/{p1}/substitutos",
            p => p.GetProperty("itens").GetArrayLength() == 1);
        var substitute = page.GetProperty("itens")[0];
        (substitute.GetProperty("produto_id").GetGuid(), substitute.GetProperty("frequencia").GetString(), substitute.GetProperty("explicacao").GetString())
            .ShouldBe((p2, "9.38", "Preço 9% maior, mesma unidade"));

        (await admin.DeleteAsync($"/api/v1/produtos/{p2}")).IsSuccessStatusCode.ShouldBeTrue();
        await StockEngineTests.EventuallyAsync(admin, $"/api/v1/insights/vendas/produtos/{p1}/substitutos", p => p.GetProperty("itens").GetArrayLength() == 0);
    }

    static async Task<IReadOnlyList<JsonElement>> Cart(HttpClient client, params Guid[] products) =>
        [.. (await Store.OkAsync(await client.PostAsJsonAsync("/api/v1/insights/vendas/carrinho",
            new { itens = products.Select(p => new { produto_id = p }) }), HttpStatusCode.OK)).GetProperty("itens").EnumerateArray()];

    static async Task DeliverAsync(Store.Setup setup, Guid[] products)
    {
        var order = Store.Id(await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/pedidos/", new
        {
            cliente_id = setup.CustomerId,
            itens = products.Select(p => new { produto_id = p, quantidade = "1", preco_unitario = "10.00" }),
        }), HttpStatusCode.Created));
        await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "entregue" }), HttpStatusCode.OK);
    }
}
