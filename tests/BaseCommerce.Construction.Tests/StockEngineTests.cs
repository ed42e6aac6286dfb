using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaseCommerce.Contracts.Stock;
using BaseCommerce.Messaging.Tenancy;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The Stock engine end to end: the vertical's events reach it on its own consumer group, its insights come back as
/// events into the vertical's read model, and the store reads them through <c>/api/v1/insights</c>.
/// </summary>
[Collection(EnginesCollection.Name)]
public sealed class StockEngineTests(EnginesServer server)
{
    [Fact]
    public async Task DeliveringAnOrder_RaisesTheAlert_AndAReceiptResolvesIt()
    {
        var store = await Store.CreateAsync(server, "alerta");
        var setup = await store.SetupAsync();
        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "40");
        var order = await OrderAsync(setup, "35");
        await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "entregue" }), HttpStatusCode.OK);

        // Hand-computed in StockFormulaTests.OneBigSale_…: one sale of 35 today, 5 left, reorder point 18.777, 12 days.
        var alert = await EventuallyAsync(setup.Admin, "/api/v1/insights/estoque/alertas", page => page.GetProperty("itens").GetArrayLength() == 1);
        var item = alert.GetProperty("itens")[0];
        (item.GetProperty("produto_id").GetGuid(), item.GetProperty("risco").GetString(), item.GetProperty("quantidade_disponivel").GetString(),
            item.GetProperty("ponto_pedido").GetString(), item.GetProperty("dias_ate_ruptura").GetInt32())
            .ShouldBe((setup.ProductId, "medio", "5.000", "18.777", 12));
        item.GetProperty("explicacao").GetString()!.ShouldContain("Ruptura estimada em 12 dias");
        var suggestion = (await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/insights/estoque/reposicao"), HttpStatusCode.OK)).GetProperty("itens");
        (suggestion[0].GetProperty("quantidade").GetString(), suggestion[0].GetProperty("prioridade").GetString(), suggestion[0].GetProperty("classe_abc").GetString())
            .ShouldBe(("14.000", "alta", "A"), "the store's only seller is class A");
        var figures = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/insights/estoque/produtos/{setup.ProductId}"), HttpStatusCode.OK);
        (figures.GetProperty("quantidade_estoque").GetString(), figures.GetProperty("classe_abc").GetString()).ShouldBe(("5.000", "A"));

        var web = await WebSession.SignInAsync(server, store.Tenant, "estoquista");
        var dashboard = await web.PageAsync("/web/");
        dashboard.ShouldContain("Atenção do dia");
        dashboard.ShouldContain("Risco médio</span> <a href=\"/web/produtos/" + setup.ProductId + "\">Cimento CP II</a>");
        var insights = await web.PageAsync("/web/insights/estoque");
        insights.ShouldContain("Ruptura estimada em 12 dias");
        insights.ShouldContain("Sugestão: comprar 14 KG");
        (await web.PageAsync($"/web/produtos/{setup.ProductId}")).ShouldContain("id=\"ponto-pedido\">18,777<");
        var alertId = item.GetProperty("id").GetGuid();
        await web.HtmxAsync($"/web/insights/estoque?handler=Reconhecer&id={alertId}");
        (await web.PageAsync("/web/insights/estoque")).ShouldContain("Alerta de Cimento CP II reconhecido.");
        await server.Events.WaitForAsync<StockAlertAcknowledged>(e => e.AlertId == alertId);

        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "20");
        var resolved = await EventuallyAsync(setup.Admin, "/api/v1/insights/estoque/alertas?status=resolvido",
            page => page.GetProperty("itens").GetArrayLength() == 1);
        resolved.GetProperty("itens")[0].GetProperty("motivo_resolucao").GetString()!.ShouldContain("ponto de pedido");
        (await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/insights/estoque/alertas"), HttpStatusCode.OK)).GetProperty("itens").GetArrayLength().ShouldBe(0);
        await EventuallyAsync(setup.Admin, "/api/v1/insights/estoque/reposicao", page => page.GetProperty("itens").GetArrayLength() == 0);
    }

    [Fact]
    public async Task AnAcknowledgedAlert_StaysAcknowledged_AndOtherStoresSeeNothing()
    {
        var store = await Store.CreateAsync(server, "reconhece");
        var setup = await store.SetupAsync();
        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "40");
        await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{await OrderAsync(setup, "35")}/status", new { status = "entregue" }),
            HttpStatusCode.OK);
        var page = await EventuallyAsync(setup.Admin, "/api/v1/insights/estoque/alertas", p => p.GetProperty("itens").GetArrayLength() == 1);
        var alertId = page.GetProperty("itens")[0].GetProperty("id").GetGuid();

        var other = await Store.CreateAsync(server, "outra");
        var stranger = await other.AdminAsync();
        (await Store.OkAsync(await stranger.GetAsync("/api/v1/insights/estoque/alertas"), HttpStatusCode.OK)).GetProperty("itens").GetArrayLength().ShouldBe(0);
        await Store.ProblemAsync(await stranger.PostAsync($"/api/v1/insights/estoque/alertas/{alertId}/reconhecer", null), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await stranger.GetAsync($"/api/v1/insights/estoque/produtos/{setup.ProductId}"), HttpStatusCode.NotFound);
        (await (await store.AsAsync("vendedor")).PostAsync($"/api/v1/insights/estoque/alertas/{alertId}/reconhecer", null)).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);

        var acknowledged = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/insights/estoque/alertas/{alertId}/reconhecer", null), HttpStatusCode.OK);
        acknowledged.GetProperty("status").GetString().ShouldBe("reconhecido");
        await server.Events.WaitForAsync<StockAlertAcknowledged>(e => e.AlertId == alertId);
        // A reservation lowers what is available; the acknowledged alert keeps its status while its figures follow.
        await OrderAsync(setup, "1");
        var followed = await EventuallyAsync(setup.Admin, "/api/v1/insights/estoque/alertas",
            p => p.GetProperty("itens")[0].GetProperty("quantidade_disponivel").GetString() == "4.000");
        followed.GetProperty("itens")[0].GetProperty("status").GetString().ShouldBe("reconhecido");
        await Store.ProblemAsync(await setup.Admin.GetAsync("/api/v1/insights/estoque/alertas?cursor=xyz"), HttpStatusCode.BadRequest, null, "cursor");
        await Store.ProblemAsync(await setup.Admin.GetAsync("/api/v1/insights/estoque/alertas?status=quase"), HttpStatusCode.BadRequest, null, "status");
    }

    [Fact]
    public async Task TheEnginesStock_EqualsTheLedger_AfterARandomSequence_AndReplayedEventsChangeNothing()
    {
        var store = await Store.CreateAsync(server, "razao");
        var setup = await store.SetupAsync();
        var admin = setup.Admin;
        var products = new List<Guid> { setup.ProductId, Store.Id(await store.ProductAsync(admin)), Store.Id(await store.ProductAsync(admin)) };
        var random = new Random(20261201);
        var open = new List<Guid>();
        for (var step = 0; step < 30; step++)
        {
            var product = products[random.Next(products.Count)];
            switch (random.Next(5))
            {
                case 0 or 1:
                    await Store.ReceiveAsync(admin, product, random.Next(1, 20).ToString());
                    break;
                case 2:
                    await admin.PostAsJsonAsync("/api/v1/estoque/ajustes", new { produto_id = product, quantidade = (-random.Next(1, 4)).ToString(), motivo = "contagem" });
                    break;
                case 3:
                    var order = await OrderAsync(setup, random.Next(1, 6).ToString(), product);
                    if ((await admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "saiu_entrega" })).IsSuccessStatusCode)
                        open.Add(order);
                    break;
                default:
                    if (open.Count == 0) break;
                    var pick = open[random.Next(open.Count)];
                    open.Remove(pick);
                    var action = random.Next(2) == 0 ? admin.PostAsJsonAsync($"/api/v1/pedidos/{pick}/cancelar", new { motivo = "teste" })
                                                     : admin.PostAsJsonAsync($"/api/v1/pedidos/{pick}/status", new { status = "entregue" });
                    (await action).StatusCode.ShouldBe(HttpStatusCode.OK);
                    break;
            }
        }

        var ledger = await LedgerAsync(store);
        ledger.Values.Sum().ShouldBeGreaterThan(0m);
        await EventuallyEqualAsync(store, ledger);

        // The same movement event again (another message, the same EventId): the engine applies it once.
        var again = server.Events.Of<StockUpdated>().First(e => e.TenantId == store.Tenant.Id);
        await server.Construction.Services.GetRequiredService<IBus>().Publish(again, c =>
        {
            c.Headers.Set(TenantHeaders.TenantId, store.Tenant.Id.ToString("D"));
            c.Headers.Set(TenantHeaders.TenantSlug, store.Tenant.Slug);
        });
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await EngineLevelsAsync(store)).ShouldBe(ledger);
    }

    async Task EventuallyEqualAsync(Store store, IReadOnlyDictionary<Guid, decimal> ledger)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var engine = await EngineLevelsAsync(store);
            if (engine.Count == ledger.Count && ledger.All(l => engine.GetValueOrDefault(l.Key) == l.Value))
                return;
            if (DateTime.UtcNow > until)
                engine.ShouldBe(ledger, "the engine's stock on hand, derived from events, equals the vertical's ledger");
            await Task.Delay(200);
        }
    }

    Task<Dictionary<Guid, decimal>> LedgerAsync(Store store) => LevelsAsync(store, "SELECT product_id, quantity FROM construction.estoque");

    Task<Dictionary<Guid, decimal>> EngineLevelsAsync(Store store) => LevelsAsync(store, "SELECT product_id, on_hand FROM stock.levels");

    /// <summary>Read as the store (row-level security on), straight from PostgreSQL: what each service holds.</summary>
    async Task<Dictionary<Guid, decimal>> LevelsAsync(Store store, string sql)
    {
        await using var db = new NpgsqlConnection(server.Database.AppConnection);
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", db, tx))
        {
            set.Parameters.AddWithValue("t", store.Tenant.Id.ToString());
            await set.ExecuteScalarAsync();
        }
        var levels = new Dictionary<Guid, decimal>();
        await using var cmd = new NpgsqlCommand(sql, db, tx);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            levels[reader.GetGuid(0)] = reader.GetDecimal(1);
        return levels;
    }

    static async Task<Guid> OrderAsync(Store.Setup setup, string quantity, Guid? product = null) =>
        Store.Id(await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/pedidos/", new
        {
            cliente_id = setup.CustomerId, obra_id = setup.SiteId,
            itens = new[] { new { produto_id = product ?? setup.ProductId, quantidade = quantity, preco_unitario = "32.00" } },
        }), HttpStatusCode.Created));

    /// <summary>Polls a read until it holds: the insight travels vertical → engine → vertical through two outboxes.</summary>
    public static async Task<JsonElement> EventuallyAsync(HttpClient client, string url, Func<JsonElement, bool> holds)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await Store.OkAsync(await client.GetAsync(url), HttpStatusCode.OK);
            if (holds(page))
                return page;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"{url} did not reach the expected state: {page}");
            await Task.Delay(200);
        }
    }
}
