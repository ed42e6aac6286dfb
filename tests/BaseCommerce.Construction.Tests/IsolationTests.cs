using System.Net;
using System.Net.Http.Json;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The two-store isolation matrix, both directions, for every resource: another store's rows do not exist.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class IsolationTests(ConstructionServer server)
{
    [Fact]
    public async Task EachStore_SeesNothingOfTheOther_InEitherDirection()
    {
        var a = await Store.CreateAsync(server, "iso-a");
        var b = await Store.CreateAsync(server, "iso-b");
        var rowsA = await RowsAsync(a);
        var rowsB = await RowsAsync(b);

        await ShouldNotSee(a, await a.AdminAsync(), rowsB);
        await ShouldNotSee(b, await b.AdminAsync(), rowsA);
    }

    [Fact]
    public async Task AStoresToken_IsRefusedOnAnotherStoresHost()
    {
        var a = await Store.CreateAsync(server, "host-a");
        var b = await Store.CreateAsync(server, "host-b");
        var tokenOfA = await server.StaffTokenAsync(a.Tenant, "admin");
        var onB = server.Client(b.Tenant, tokenOfA);
        (await onB.GetAsync("/api/v1/clientes/")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    sealed record Rows(Store.Setup Setup, Guid QuoteId, Guid OrderId);

    static async Task<Rows> RowsAsync(Store store)
    {
        var setup = await store.SetupAsync();
        var approved = await store.ApprovedQuoteAsync(setup);
        var order = await Store.OkAsync(await setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{Store.Id(approved)}", null), HttpStatusCode.Created);
        return new Rows(setup, Store.Id(approved), Store.Id(order));
    }

    static async Task ShouldNotSee(Store me, HttpClient client, Rows other)
    {
        foreach (var url in new[]
                 {
                     $"/api/v1/clientes/{other.Setup.CustomerId}", $"/api/v1/obras/{other.Setup.SiteId}", $"/api/v1/produtos/{other.Setup.ProductId}",
                     $"/api/v1/produtos/{other.Setup.ProductId}/historico-precos", $"/api/v1/cotacoes/{other.QuoteId}", $"/api/v1/pedidos/{other.OrderId}",
                 })
            await Store.ProblemAsync(await client.GetAsync(url), HttpStatusCode.NotFound, "não encontrad");

        await Store.ProblemAsync(await client.PutAsJsonAsync($"/api/v1/clientes/{other.Setup.CustomerId}", new { tipo = "PJ", nome = "X" }), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await client.PutAsJsonAsync($"/api/v1/produtos/{other.Setup.ProductId}", new { nome = "X", unidade = "UN", preco_base = 1 }), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await client.PutAsJsonAsync($"/api/v1/cotacoes/{other.QuoteId}", new { cliente_id = other.Setup.CustomerId, itens = Array.Empty<object>() }), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await client.PostAsync($"/api/v1/cotacoes/{other.QuoteId}/cancelar", null), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await client.PostAsync($"/api/v1/pedidos/from-cotacao/{other.QuoteId}", null), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/pedidos/{other.OrderId}/status", new { status = "entregue" }), HttpStatusCode.NotFound);
        await Store.ProblemAsync(await client.DeleteAsync($"/api/v1/clientes/{other.Setup.CustomerId}"), HttpStatusCode.NotFound);

        // Their customer and product cannot be used in my quote.
        await Store.ProblemAsync(await client.PostAsJsonAsync("/api/v1/cotacoes/", new
        {
            cliente_id = other.Setup.CustomerId, itens = new[] { new { produto_id = other.Setup.ProductId, quantidade = 1 } },
        }), HttpStatusCode.NotFound, "Cliente");
        var mine = await me.SetupAsync();
        await Store.ProblemAsync(await client.PostAsJsonAsync("/api/v1/cotacoes/", new
        {
            cliente_id = mine.CustomerId, obra_id = other.Setup.SiteId, itens = new[] { new { produto_id = other.Setup.ProductId, quantidade = 1 } },
        }), HttpStatusCode.BadRequest, null, "itens[0].produto_id", "obra_id");

        foreach (var list in new[] { "/api/v1/clientes/", "/api/v1/obras/", "/api/v1/produtos/", "/api/v1/cotacoes/", "/api/v1/pedidos/" })
        {
            var body = await (await client.GetAsync(list)).Content.ReadAsStringAsync();
            foreach (var id in new[] { other.Setup.CustomerId, other.Setup.SiteId, other.Setup.ProductId, other.QuoteId, other.OrderId })
                body.ShouldNotContain(id.ToString(), customMessage: $"{list} of {me.Tenant.Slug} lists a row of another store");
        }
    }
}
