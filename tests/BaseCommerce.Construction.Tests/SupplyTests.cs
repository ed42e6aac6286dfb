using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Contracts.Catalog;
using BaseCommerce.Contracts.Stock;
using BaseCommerce.Contracts.Suppliers;
using BaseCommerce.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>Suppliers and their price history, stock receipts and adjustments, and product price history.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class SupplyTests(ConstructionServer server)
{
    [Fact]
    public async Task ASuppliersNewPrice_KeepsTheOldOneAsHistory_AndIsPublishedWithIt()
    {
        var store = await Store.CreateAsync(server, "fornece");
        var setup = await store.SetupAsync();
        var estoquista = await store.AsAsync("estoquista");
        var supplier = Store.Id(await Store.OkAsync(await estoquista.PostAsJsonAsync("/api/v1/fornecedores/", new
        {
            nome = "Votorantim Cimentos", documento = TestDocuments.Cnpj(), cidade = "Volta Redonda", estado = "rj",
        }), HttpStatusCode.Created));

        await Store.OkAsync(await estoquista.PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos", new { produto_id = setup.ProductId, preco = "28.50", prazo_pagamento = 30 }), HttpStatusCode.Created);
        var second = await Store.OkAsync(await estoquista.PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos", new { produto_id = setup.ProductId, preco = "27.90" }), HttpStatusCode.Created);
        second.GetProperty("valido").GetBoolean().ShouldBeTrue();

        var current = await Store.OkAsync(await estoquista.GetAsync($"/api/v1/fornecedores/{supplier}/precos"), HttpStatusCode.OK);
        current.EnumerateArray().Select(p => p.GetProperty("preco").GetString()).ShouldBe(["27.90"]);
        var history = await Store.OkAsync(await estoquista.GetAsync($"/api/v1/fornecedores/{supplier}/precos?historico=true"), HttpStatusCode.OK);
        history.EnumerateArray().Select(p => (p.GetProperty("preco").GetString(), p.GetProperty("valido").GetBoolean())).ShouldBe([("27.90", true), ("28.50", false)]);
        var compared = await Store.OkAsync(await estoquista.GetAsync($"/api/v1/produtos/{setup.ProductId}/precos-fornecedores"), HttpStatusCode.OK);
        compared.GetArrayLength().ShouldBe(1);

        var published = await server.Events.WaitForAsync<SupplierPriceRegistered>(e => e.SupplierId == supplier && e.Price == 27.90m);
        published.PreviousPrice.ShouldBe(28.50m);
        await Store.ProblemAsync(await estoquista.PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos", new { produto_id = setup.ProductId, preco = 0 }),
            HttpStatusCode.BadRequest, null, "preco");
        (await (await store.AsAsync("vendedor")).PostAsJsonAsync($"/api/v1/fornecedores/{supplier}/precos", new { produto_id = setup.ProductId, preco = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Store.ProblemAsync(await estoquista.PostAsJsonAsync("/api/v1/fornecedores/", new { nome = "Outro", documento = "11.222.333/0001-82" }),
            HttpStatusCode.BadRequest, null, "documento");
    }

    [Fact]
    public async Task Receipts_AndAdjustments_MoveTheStock_WhichNeverGoesNegative()
    {
        var store = await Store.CreateAsync(server, "estoque");
        var setup = await store.SetupAsync();
        var estoquista = await store.AsAsync("estoquista");

        var receipt = await Store.OkAsync(await estoquista.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = setup.ProductId, quantidade = "100", custo_unitario = "25.00" }), HttpStatusCode.Created);
        receipt.GetProperty("quantidade_apos").GetString().ShouldBe("100.000");
        var adjusted = await Store.OkAsync(await estoquista.PostAsJsonAsync("/api/v1/estoque/ajustes", new { produto_id = setup.ProductId, quantidade = "-3.5", motivo = "sacos rasgados" }), HttpStatusCode.Created);
        adjusted.GetProperty("quantidade_apos").GetString().ShouldBe("96.500");
        await Store.ProblemAsync(await estoquista.PostAsJsonAsync("/api/v1/estoque/ajustes", new { produto_id = setup.ProductId, quantidade = "-97", motivo = "contagem" }),
            HttpStatusCode.Conflict, "negativo");
        await Store.ProblemAsync(await estoquista.PostAsJsonAsync("/api/v1/estoque/ajustes", new { produto_id = setup.ProductId, quantidade = "5" }), HttpStatusCode.BadRequest, null, "motivo");
        await Store.ProblemAsync(await estoquista.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = setup.ProductId, quantidade = "-1" }), HttpStatusCode.BadRequest, null, "quantidade");

        var levels = await Store.OkAsync(await estoquista.GetAsync("/api/v1/estoque/"), HttpStatusCode.OK);
        levels.EnumerateArray().Single(l => l.GetProperty("produto_id").GetGuid() == setup.ProductId).GetProperty("quantidade_atual").GetString().ShouldBe("96.500");
        var movements = await Store.OkAsync(await estoquista.GetAsync($"/api/v1/estoque/movimentos?produto_id={setup.ProductId}"), HttpStatusCode.OK);
        movements.GetArrayLength().ShouldBe(2, "the refused adjustment left no movement");

        (await server.Events.WaitForAsync<StockReceived>(e => e.ProductId == setup.ProductId)).QuantityAfter.ShouldBe(100m);
        (await server.Events.WaitForAsync<StockAdjusted>(e => e.ProductId == setup.ProductId)).Reason.ShouldBe("sacos rasgados");
        (await server.Events.WaitForAsync<StockUpdated>(e => e.ProductId == setup.ProductId && e.MovementType == "ajuste")).OldQuantity.ShouldBe(100m);
        (await (await store.AsAsync("vendedor")).PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = setup.ProductId, quantidade = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ParallelMovements_OfOneProduct_AllCount()
    {
        var store = await Store.CreateAsync(server, "paralelo");
        var setup = await store.SetupAsync();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            setup.Admin.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = setup.ProductId, quantidade = "2" })));

        var levels = await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/estoque/"), HttpStatusCode.OK);
        levels.EnumerateArray().Single(l => l.GetProperty("produto_id").GetGuid() == setup.ProductId).GetProperty("quantidade_atual").GetString().ShouldBe("20.000");
    }

    [Fact]
    public async Task AProductsPriceChange_IsKeptInItsHistory_AndPublished()
    {
        var store = await Store.CreateAsync(server, "preco");
        var setup = await store.SetupAsync();
        (await Store.OkAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/produtos/{setup.ProductId}", new { nome = "Cimento CP II 50kg", unidade = "SAC", preco_base = "34.90" }), HttpStatusCode.OK))
            .GetProperty("preco_base").GetString().ShouldBe("34.90");

        var history = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/produtos/{setup.ProductId}/historico-precos"), HttpStatusCode.OK);
        history.EnumerateArray().Select(h => (h.GetProperty("preco_anterior").GetString(), h.GetProperty("preco_novo").GetString())).ShouldBe([("32.00", "34.90")]);
        var change = await server.Events.WaitForAsync<ProductPriceUpdated>(e => e.ProductId == setup.ProductId);
        (change.OldPrice, change.NewPrice).ShouldBe((32.00m, 34.90m));
        await server.Events.WaitForAsync<ProductRegistered>(e => e.ProductId == setup.ProductId);
    }
}
