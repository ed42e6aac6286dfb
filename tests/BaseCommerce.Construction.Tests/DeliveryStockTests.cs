using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaseCommerce.Contracts.Delivery;
using BaseCommerce.Contracts.Stock;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>Stock leaves per delivery, in the transaction that moves the order; a shortage refuses the move, a late cancel writes it back.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class DeliveryStockTests(ConstructionServer server)
{
    [Fact]
    public async Task AnOrderLeaves_OnlyWithItsStock_AndACancelAfterLeaving_WritesItBack()
    {
        var store = await Store.CreateAsync(server, "saida");
        var setup = await store.SetupAsync();
        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "4");
        var order = await OrderAsync(setup);
        var id = Store.Id(order);

        var refused = await Store.ProblemAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{id}/status", new { status = "saiu_entrega" }),
            HttpStatusCode.Conflict, "Estoque insuficiente");
        refused.GetProperty("detail").GetString()!.ShouldContain("Cimento CP II (precisa de 10 KG, há 4)");
        (await OnHandAsync(setup)).ShouldBe("4.000");
        (await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/pedidos/{id}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("pendente");

        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "8");
        await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{id}/status", new { status = "saiu_entrega" }), HttpStatusCode.OK);
        (await OnHandAsync(setup)).ShouldBe("2.000");
        var started = await server.Events.WaitForAsync<DeliveryStarted>(e => e.OrderId == id);
        started.DeliveryId.ShouldNotBeNull();
        var outgoing = await server.Events.WaitForAsync<StockUpdated>(e => e.OrderId == id && e.MovementType == "saida");
        (outgoing.OldQuantity, outgoing.NewQuantity, outgoing.DeliveryId).ShouldBe((12m, 2m, started.DeliveryId));

        await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{id}/cancelar", new { motivo = "cliente desistiu" }), HttpStatusCode.OK);
        (await OnHandAsync(setup)).ShouldBe("12.000");
        var back = await server.Events.WaitForAsync<StockUpdated>(e => e.OrderId == id && e.MovementType == "estorno");
        (back.NewQuantity, back.DeliveryId).ShouldBe((12m, started.DeliveryId));
        var movements = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/estoque/movimentos?produto_id={setup.ProductId}"), HttpStatusCode.OK);
        movements.EnumerateArray().Select(m => m.GetProperty("tipo").GetString()).Order().ShouldBe(["entrada", "entrada", "estorno", "saida"]);
        movements.EnumerateArray().Where(m => m.GetProperty("tipo").GetString() is "saida" or "estorno")
            .ShouldAllBe(m => m.GetProperty("entrega_id").GetGuid() == started.DeliveryId);
    }

    [Fact]
    public async Task ACounterSale_StraightToDelivered_LeavesOnce_AndConcurrentMovesOfOneOrder_LeaveOnce()
    {
        var store = await Store.CreateAsync(server, "balcao");
        var setup = await store.SetupAsync();
        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "30");
        var counter = Store.Id(await OrderAsync(setup));
        await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{counter}/status", new { status = "entregue" }), HttpStatusCode.OK);
        (await OnHandAsync(setup)).ShouldBe("20.000");
        (await server.Events.WaitForAsync<DeliveryCompleted>(e => e.OrderId == counter)).DeliveryId.ShouldNotBeNull();

        var raced = Store.Id(await OrderAsync(setup));
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{raced}/status", new { status = "saiu_entrega" })));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).ShouldAllBe(a => a.StatusCode == HttpStatusCode.Conflict);
        (await OnHandAsync(setup)).ShouldBe("10.000");
    }

    static async Task<JsonElement> OrderAsync(Store.Setup setup) =>
        await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/pedidos/", new
        {
            cliente_id = setup.CustomerId, obra_id = setup.SiteId,
            itens = new[] { new { produto_id = setup.ProductId, quantidade = "10", preco_unitario = "32.00" } },
        }), HttpStatusCode.Created);

    static async Task<string?> OnHandAsync(Store.Setup setup) =>
        (await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/estoque/"), HttpStatusCode.OK)).EnumerateArray()
            .Single(l => l.GetProperty("produto_id").GetGuid() == setup.ProductId).GetProperty("quantidade_atual").GetString();
}
