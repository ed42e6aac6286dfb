extern alias delivery;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using delivery::BaseCommerce.Engines.Delivery.Domain;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The Delivery engine end to end: settings → orders in preparation → the day's routes → the driver's records → progress.</summary>
[Collection(EnginesCollection.Name)]
public sealed class DeliveryEngineTests(EnginesServer server)
{
    [Fact]
    public async Task OrdersInPreparation_GetTheDaysRoutes_AndTheDriversRecordsMoveThem()
    {
        var store = await Store.CreateAsync(server, "rotas");
        var setup = await store.SetupAsync();
        var admin = setup.Admin;
        // The store in Volta Redonda with a van; the bad settings first: refused, nothing saved.
        await Store.ProblemAsync(await admin.PutAsJsonAsync("/api/v1/configuracoes/", Settings(level: "1.5")), HttpStatusCode.BadRequest, null, "nivel_servico");
        (await Store.OkAsync(await admin.GetAsync("/api/v1/configuracoes/"), HttpStatusCode.OK)).GetProperty("atualizado_em").ValueKind.ShouldBe(JsonValueKind.Null);
        (await (await store.AsAsync("vendedor")).PutAsJsonAsync("/api/v1/configuracoes/", Settings())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await Store.OkAsync(await admin.PutAsJsonAsync("/api/v1/configuracoes/", Settings()), HttpStatusCode.OK);

        var product = Store.Id(await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/produtos/", new
        {
            nome = "Cimento CP II 50kg", unidade = "SAC", preco_base = "32.90", peso_kg = "50",
        }), HttpStatusCode.Created));
        await Store.ReceiveAsync(admin, product, "100");
        (double Lat, double Lon)[] places = [(-22.5300, -44.1000), (-22.5000, -44.0800), (-22.5150, -44.1200), (-22.4900, -44.1100)];
        var orders = new List<Guid>();
        foreach (var (lat, lon) in places)
        {
            var site = Store.Id(await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/obras/", new
            {
                cliente_id = setup.CustomerId, nome = $"Obra {lat}", cidade = "Volta Redonda", estado = "RJ", cep = "27213-000",
                latitude = lat.ToString("0.000000", CultureInfo.InvariantCulture), longitude = lon.ToString("0.000000", CultureInfo.InvariantCulture),
            }), HttpStatusCode.Created));
            var order = Store.Id(await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/pedidos/", new
            {
                cliente_id = setup.CustomerId, obra_id = site, itens = new[] { new { produto_id = product, quantidade = "4", preco_unitario = "32.90" } },
            }), HttpStatusCode.Created));
            await Store.OkAsync(await admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "em_preparacao" }), HttpStatusCode.OK);
            orders.Add(order);
        }

        // 4 orders × 200 kg in one city: one route on the van (1,000 kg), from the store and back, 2-opt never longer than nearest neighbour.
        var page = await StockEngineTests.EventuallyAsync(admin, "/api/v1/insights/entregas/rotas",
            p => p.GetProperty("itens").GetArrayLength() == 1 && p.GetProperty("itens")[0].GetProperty("paradas").GetArrayLength() == 4);
        var route = page.GetProperty("itens")[0];
        (route.GetProperty("veiculo").GetString(), route.GetProperty("carga_kg").GetString(), route.GetProperty("ordenacao").GetString())
            .ShouldBe(("Van", "800.000", "vizinho_mais_proximo_2opt"));
        var depot = (-22.5200, -44.1040);
        var stops = route.GetProperty("paradas").EnumerateArray().Select(s => orders.IndexOf(s.GetProperty("pedido_id").GetGuid())).ToList();
        stops.Order().ShouldBe([0, 1, 2, 3]);
        var points = places.ToList();
        var planned = RoutePlanner.TourKm(stops, depot, points);
        planned.ShouldBeLessThanOrEqualTo(RoutePlanner.TourKm(RoutePlanner.NearestNeighbour(depot, points), depot, points) + 1e-9);
        decimal.Parse(route.GetProperty("distancia_km").GetString()!, CultureInfo.InvariantCulture).ShouldBe((decimal)planned, 0.05m);
        var cost = decimal.Parse(route.GetProperty("custo").GetString()!, CultureInfo.InvariantCulture);
        cost.ShouldBe(Math.Round(40m + decimal.Parse(route.GetProperty("distancia_km").GetString()!, CultureInfo.InvariantCulture) * 1.5m, 2), "R$ 40 fixed + R$ 1,50/km");

        // The first stop leaves, arrives, records an occurrence, and is received: the order is entregue and the route in progress.
        var first = route.GetProperty("paradas")[0].GetProperty("pedido_id").GetGuid();
        var motorista = await store.AsAsync("motorista");
        await Store.OkAsync(await motorista.PostAsJsonAsync($"/api/v1/pedidos/{first}/status", new { status = "saiu_entrega" }), HttpStatusCode.OK);
        var deliveryId = Store.Id((await Store.OkAsync(await motorista.GetAsync($"/api/v1/entregas/?pedido_id={first}"), HttpStatusCode.OK))[0]);
        (await Store.OkAsync(await motorista.PostAsync($"/api/v1/entregas/{deliveryId}/chegou", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("chegou");
        await Store.ProblemAsync(await motorista.PostAsJsonAsync($"/api/v1/entregas/{deliveryId}/ocorrencias", new { tipo = "atraso" }), HttpStatusCode.BadRequest, null, "tipo");
        await Store.OkAsync(await motorista.PostAsJsonAsync($"/api/v1/entregas/{deliveryId}/ocorrencias", new { tipo = "faltou_item", descricao = "faltou 1 saco" }), HttpStatusCode.Created);
        var received = await Store.OkAsync(await motorista.PostAsJsonAsync($"/api/v1/entregas/{deliveryId}/comprovante", new { recebedor_nome = "João da Obra", recebedor_documento = "123.456.789-09" }), HttpStatusCode.OK);
        (received.GetProperty("status").GetString(), received.GetProperty("ocorrencias").GetArrayLength()).ShouldBe(("entregue", 1));
        (await Store.OkAsync(await motorista.GetAsync($"/api/v1/pedidos/{first}"), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("entregue");
        await Store.ProblemAsync(await motorista.PostAsync($"/api/v1/entregas/{deliveryId}/chegou", null), HttpStatusCode.Conflict, "a caminho");

        // The delivered stop stays on its route; the route's progress follows the driver's records.
        var after = await StockEngineTests.EventuallyAsync(admin, "/api/v1/insights/entregas/rotas",
            p => p.GetProperty("itens").GetArrayLength() == 1 && p.GetProperty("itens")[0].GetProperty("status").GetString() == "em_andamento"
                 && p.GetProperty("itens")[0].GetProperty("paradas_entregues").GetInt32() == 1 && p.GetProperty("itens")[0].GetProperty("ocorrencias").GetInt32() == 1);
        (after.GetProperty("itens")[0].GetProperty("paradas").GetArrayLength(), after.GetProperty("itens")[0].GetProperty("paradas_entregues").GetInt32(),
            after.GetProperty("itens")[0].GetProperty("ocorrencias").GetInt32()).ShouldBe((4, 1, 1));

        var web = await WebSession.SignInAsync(server, store.Tenant, "motorista");
        var routeId = after.GetProperty("itens")[0].GetProperty("id").GetGuid();
        (await web.PageAsync("/web/insights/entregas")).ShouldContain("Rota VOLTA REDONDA");
        (await web.PageAsync($"/web/insights/entregas/rotas/{routeId}")).ShouldContain("Imprimir");
        (await web.PageAsync("/web/")).ShouldContain($"/web/insights/entregas/rotas/{routeId}");
        await Store.ProblemAsync(await admin.GetAsync("/api/v1/insights/entregas/rotas?dia=amanha"), HttpStatusCode.BadRequest, null, "dia");

        var other = await (await Store.CreateAsync(server, "outra")).AdminAsync();
        (await Store.OkAsync(await other.GetAsync("/api/v1/insights/entregas/rotas"), HttpStatusCode.OK)).GetProperty("itens").GetArrayLength().ShouldBe(0);
        await Store.ProblemAsync(await other.GetAsync($"/api/v1/insights/entregas/rotas/{routeId}"), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await other.PostAsync($"/api/v1/entregas/{deliveryId}/chegou", null), HttpStatusCode.NotFound);
    }

    static object Settings(string level = "0.95") => new
    {
        nivel_servico = level, lead_time_dias = 7, estoque_seguranca_percentual = "20", margem_alvo_percentual = "30", margem_minima_percentual = "15",
        margem_maxima_percentual = "50", custo_fixo_rota = "40.00", latitude_loja = "-22.520000", longitude_loja = "-44.104000",
        veiculos = new[] { new { nome = "Van", capacidade_kg = "1000", custo_km = "1.50" }, new { nome = "Caminhão", capacidade_kg = "8000", custo_km = "3.00" } },
    };
}
