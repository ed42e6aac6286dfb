using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Contracts.Orders;
using BaseCommerce.Contracts.Quotes;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The original's acceptance list (§7): the quote lifecycle and the idempotent conversion, plus totals and events.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class QuoteLifecycleTests(ConstructionServer server)
{
    [Fact]
    public async Task Create_Send_Approve_Convert_WithTheOriginalsWireValues_AndTheirEvents()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();

        var quote = await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId, siteId: setup.SiteId);
        quote.GetProperty("status").GetString().ShouldBe("rascunho");
        quote.GetProperty("numero").GetString().ShouldBe("COT-001");
        var item = quote.GetProperty("itens")[0];
        item.GetProperty("quantidade").GetString().ShouldBe("10.000");
        item.GetProperty("preco_unitario").GetString().ShouldBe("32.00");
        item.GetProperty("valor_total").GetString().ShouldBe("320.00");
        quote.GetProperty("total").GetString().ShouldBe("320.00");
        var id = Store.Id(quote);

        var sent = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{id}/enviar", null), HttpStatusCode.OK);
        sent.GetProperty("status").GetString().ShouldBe("enviada");
        sent.GetProperty("enviada_em").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
        var edit = await setup.Admin.PutAsJsonAsync($"/api/v1/cotacoes/{id}", new { cliente_id = setup.CustomerId, itens = new[] { new { produto_id = setup.ProductId, quantidade = 1 } } });
        await Store.ProblemAsync(edit, HttpStatusCode.Conflict, "rascunho");

        var approved = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{id}/aprovar", null), HttpStatusCode.OK);
        approved.GetProperty("status").GetString().ShouldBe("aprovada");
        approved.GetProperty("aprovada_em").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);

        var order = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{id}", null), HttpStatusCode.Created);
        order.GetProperty("numero").GetString().ShouldBe("PED-001");
        order.GetProperty("status").GetString().ShouldBe("pendente");
        order.GetProperty("cotacao_id").GetGuid().ShouldBe(id);
        order.GetProperty("cliente_id").GetGuid().ShouldBe(setup.CustomerId);
        order.GetProperty("itens")[0].GetProperty("valor_total").GetString().ShouldBe("320.00");
        var converted = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/cotacoes/{id}"), HttpStatusCode.OK);
        converted.GetProperty("status").GetString().ShouldBe("convertida");
        converted.GetProperty("convertida_em").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);

        var again = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{id}", null), HttpStatusCode.Created);
        Store.Id(again).ShouldBe(Store.Id(order));
        again.GetProperty("numero").GetString().ShouldBe("PED-001");

        var created = await server.Events.WaitForAsync<QuoteCreated>(e => e.QuoteId == id);
        created.TenantId.ShouldBe(store.Tenant.Id);
        created.TotalValue.ShouldBe(320m);
        await server.Events.WaitForAsync<QuoteSent>(e => e.QuoteId == id);
        await server.Events.WaitForAsync<QuoteApproved>(e => e.QuoteId == id);
        var conversion = await server.Events.WaitForAsync<QuoteConverted>(e => e.QuoteId == id);
        conversion.OrderNumber.ShouldBe("PED-001");
        (await server.Events.WaitForAsync<OrderCreated>(e => e.QuoteId == id)).SiteCity.ShouldBe("Volta Redonda");
        await Task.Delay(500);
        server.Events.Of<QuoteConverted>().Count(e => e.QuoteId == id).ShouldBe(1, "the second conversion publishes nothing");
        server.Events.Received.Where(r => r.Message is QuoteCreated q && q.QuoteId == id).Single().Tenant.ShouldBe(store.Tenant.Id);
    }

    [Fact]
    public async Task TheHeaderDiscount_IsInTheTotals_PersistedAndPublished()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();
        var response = await setup.Admin.PostAsJsonAsync("/api/v1/cotacoes/", new
        {
            cliente_id = setup.CustomerId, desconto_percentual = "5",
            itens = new object[]
            {
                new { produto_id = setup.ProductId, quantidade = "8", preco_unitario = "38.00" },
                new { produto_id = setup.ProductId, quantidade = "10", preco_unitario = "17.00", desconto_percentual = "0" },
            },
        });
        var quote = await Store.OkAsync(response, HttpStatusCode.Created);

        quote.GetProperty("subtotal").GetString().ShouldBe("474.00");
        quote.GetProperty("desconto_valor").GetString().ShouldBe("23.70");
        quote.GetProperty("total").GetString().ShouldBe("450.30");
        var reread = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/cotacoes/{Store.Id(quote)}"), HttpStatusCode.OK);
        reread.GetProperty("total").GetString().ShouldBe("450.30");
        (await server.Events.WaitForAsync<QuoteCreated>(e => e.QuoteId == Store.Id(quote))).TotalValue.ShouldBe(450.30m);
    }

    [Fact]
    public async Task ConvertingAQuoteThatIsNotApproved_Is409_AndCreatesNoOrder()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();
        var quote = await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId);

        await Store.ProblemAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{Store.Id(quote)}", null), HttpStatusCode.Conflict, "aprovadas");
        (await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/pedidos/"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Cancel_IsAllowedUntilConverted_AndIllegalTransitionsAre409()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();
        var draft = Store.Id(await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId));
        await Store.ProblemAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{draft}/aprovar", null), HttpStatusCode.Conflict, "enviadas");
        (await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{draft}/cancelar", null), HttpStatusCode.OK))
            .GetProperty("status").GetString().ShouldBe("cancelada");
        await Store.ProblemAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{draft}/enviar", null), HttpStatusCode.Conflict);
        await server.Events.WaitForAsync<QuoteCancelled>(e => e.QuoteId == draft);

        var approved = await store.ApprovedQuoteAsync(setup);
        await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{Store.Id(approved)}", null);
        await Store.ProblemAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{Store.Id(approved)}/cancelar", null), HttpStatusCode.Conflict, "convertida");
    }

    [Fact]
    public async Task AStaleEdit_IsRefused()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();
        var quote = await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId);
        var version = quote.GetProperty("versao").GetInt32();
        var body = new { cliente_id = setup.CustomerId, versao = version, itens = new[] { new { produto_id = setup.ProductId, quantidade = 2 } } };

        (await Store.OkAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/cotacoes/{Store.Id(quote)}", body), HttpStatusCode.OK))
            .GetProperty("total").GetString().ShouldBe("64.00");
        await Store.ProblemAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/cotacoes/{Store.Id(quote)}", body), HttpStatusCode.Conflict, "outra pessoa");
    }

    [Fact]
    public async Task OrderStatuses_MoveForwardOnly_DeliveryRecordsTheSale_AndCancelIsRefusedAfterDelivery()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();
        var order = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{Store.Id(await store.ApprovedQuoteAsync(setup))}", null), HttpStatusCode.Created);
        var id = Store.Id(order);
        var motorista = await store.AsAsync("motorista");
        await Store.ReceiveAsync(setup.Admin, setup.ProductId);

        async Task<System.Text.Json.JsonElement> Move(string status) =>
            await Store.OkAsync(await motorista.PostAsJsonAsync($"/api/v1/pedidos/{id}/status", new { status }), HttpStatusCode.OK);
        (await Move("em_preparacao")).GetProperty("em_preparacao_em").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        await Store.ProblemAsync(await motorista.PostAsJsonAsync($"/api/v1/pedidos/{id}/status", new { status = "pendente" }), HttpStatusCode.Conflict, "avançar");
        await Move("saiu_entrega");
        (await Move("entregue")).GetProperty("entregue_em").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        await Store.ProblemAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/{id}/cancelar", null), HttpStatusCode.Conflict, "entregue");
        await Store.ProblemAsync(await motorista.PostAsJsonAsync($"/api/v1/pedidos/{id}/status", new { status = "voando" }), HttpStatusCode.BadRequest, null, "status");

        var sale = await server.Events.WaitForAsync<SaleRecorded>(e => e.OrderId == id);
        sale.SiteCity.ShouldBe("Volta Redonda");
        sale.TotalValue.ShouldBe(320m);
        sale.Items.Single().Quantity.ShouldBe(10m);
        (await server.Events.WaitForAsync<OrderStatusChanged>(e => e.OrderId == id && e.NewStatus == "entregue")).OldStatus.ShouldBe("saiu_entrega");
    }

    [Fact]
    public async Task CancellingAnOrder_PublishesItsEvents_AndNoFurtherMoveIsAllowed()
    {
        var store = await Store.CreateAsync(server);
        var setup = await store.SetupAsync();
        var order = await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/pedidos/", new
        {
            cliente_id = setup.CustomerId, itens = new[] { new { produto_id = setup.ProductId, quantidade = 3 } },
        }), HttpStatusCode.Created);
        order.GetProperty("total").GetString().ShouldBe("96.00");
        var id = Store.Id(order);

        (await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{id}/cancelar", new { motivo = "cliente desistiu" }), HttpStatusCode.OK))
            .GetProperty("status").GetString().ShouldBe("cancelado");
        await Store.ProblemAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{id}/status", new { status = "entregue" }), HttpStatusCode.Conflict, "cancelado");
        (await server.Events.WaitForAsync<OrderCancelled>(e => e.OrderId == id)).Reason.ShouldBe("cliente desistiu");
        await server.Events.WaitForAsync<OrderStatusChanged>(e => e.OrderId == id && e.NewStatus == "cancelado");
    }
}
