using System.Net;
using System.Net.Http.Json;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>Who may do what: roles for people, scopes for integrations (client_credentials).</summary>
[Collection(ConstructionCollection.Name)]
public sealed class RoleMatrixTests(ConstructionServer server)
{
    [Theory]
    [InlineData("vendedor", "aprovar", HttpStatusCode.Forbidden)]
    [InlineData("estoquista", "aprovar", HttpStatusCode.Forbidden)]
    [InlineData("financeiro", "aprovar", HttpStatusCode.OK)]
    [InlineData("admin", "aprovar", HttpStatusCode.OK)]
    [InlineData("motorista", "cancelar", HttpStatusCode.Forbidden)]
    [InlineData("financeiro", "cancelar", HttpStatusCode.OK)]
    public async Task QuoteActions_FollowTheRoles(string role, string action, HttpStatusCode expected)
    {
        var store = await Store.CreateAsync(server, "papel");
        var setup = await store.SetupAsync();
        var quote = Store.Id(await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId));
        await setup.Admin.PostAsync($"/api/v1/cotacoes/{quote}/enviar", null);

        var response = await (await store.AsAsync(role)).PostAsync($"/api/v1/cotacoes/{quote}/{action}", null);

        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Creating_Managing_AndDelivering_AreForTheirRoles()
    {
        var store = await Store.CreateAsync(server, "papel");
        var setup = await store.SetupAsync();
        var vendedor = await store.AsAsync("vendedor");
        var motorista = await store.AsAsync("motorista");
        var estoquista = await store.AsAsync("estoquista");

        (await motorista.PostAsJsonAsync("/api/v1/cotacoes/", new { cliente_id = setup.CustomerId, itens = new[] { new { produto_id = setup.ProductId, quantidade = 1 } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var quote = await store.QuoteAsync(vendedor, setup.CustomerId, setup.ProductId);
        (await vendedor.PostAsJsonAsync("/api/v1/produtos/", new { nome = "X", unidade = "UN", preco_base = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await estoquista.PostAsJsonAsync("/api/v1/produtos/", new { nome = "X", unidade = "UN", preco_base = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await vendedor.DeleteAsync($"/api/v1/clientes/{setup.CustomerId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await estoquista.GetAsync($"/api/v1/cotacoes/{Store.Id(quote)}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var order = Store.Id(await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{Store.Id(await store.ApprovedQuoteAsync(setup))}", null), HttpStatusCode.Created));
        (await vendedor.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "em_preparacao" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await motorista.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "em_preparacao" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var forbidden = await vendedor.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "entregue" });
        forbidden.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task AnIntegration_WithApi_RunsTheWholeFlow_AndWithApiRead_OnlyReads()
    {
        var store = await Store.CreateAsync(server, "integra");
        var api = await store.IntegrationAsync("api");
        var customer = Store.Id(await store.CustomerAsync(api));
        var product = Store.Id(await store.ProductAsync(api));
        await Store.ReceiveAsync(api, product);
        var quote = Store.Id(await store.QuoteAsync(api, customer, product));
        await Store.OkAsync(await api.PostAsync($"/api/v1/cotacoes/{quote}/enviar", null), HttpStatusCode.OK);
        await Store.OkAsync(await api.PostAsync($"/api/v1/cotacoes/{quote}/aprovar", null), HttpStatusCode.OK);
        var order = Store.Id(await Store.OkAsync(await api.PostAsync($"/api/v1/pedidos/from-cotacao/{quote}", null), HttpStatusCode.Created));
        (await Store.OkAsync(await api.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "entregue" }), HttpStatusCode.OK))
            .GetProperty("usuario_id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var dashboard = await Store.OkAsync(await api.GetAsync("/api/v1/dashboard"), HttpStatusCode.OK);
        dashboard.GetProperty("vendas_semana").GetString().ShouldBe("320.00");

        var reader = await store.IntegrationAsync("api.read");
        (await reader.GetAsync($"/api/v1/pedidos/{order}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsync($"/api/v1/cotacoes/{quote}/cancelar", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var ops = await store.IntegrationAsync("ops");
        (await ops.GetAsync("/api/v1/clientes/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
