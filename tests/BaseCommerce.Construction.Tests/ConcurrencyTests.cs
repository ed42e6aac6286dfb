using System.Net;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>Numbering and conversion under parallel requests.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class ConcurrencyTests(ConstructionServer server)
{
    [Fact]
    public async Task ParallelQuotes_GetDistinctConsecutiveNumbers()
    {
        var store = await Store.CreateAsync(server, "numeros");
        var setup = await store.SetupAsync();

        var quotes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId)));

        quotes.Select(q => q.GetProperty("numero").GetString()).Order()
            .ShouldBe(Enumerable.Range(1, 12).Select(n => $"COT-{n:D3}"));
    }

    [Fact]
    public async Task ParallelConversionsOfOneQuote_MakeOneOrder_AndAllGetIt()
    {
        var store = await Store.CreateAsync(server, "conversao");
        var setup = await store.SetupAsync();
        var quote = Store.Id(await store.ApprovedQuoteAsync(setup));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => setup.Admin.PostAsync($"/api/v1/pedidos/from-cotacao/{quote}", null)));

        var orders = await Task.WhenAll(responses.Select(r => Store.OkAsync(r, HttpStatusCode.Created)));
        orders.Select(Store.Id).Distinct().Count().ShouldBe(1);
        (await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/pedidos/"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(1);
        await server.Events.WaitForAsync<Contracts.Quotes.QuoteConverted>(e => e.QuoteId == quote);
        await Task.Delay(1000);
        server.Events.Of<Contracts.Quotes.QuoteConverted>().Count(e => e.QuoteId == quote).ShouldBe(1);
    }
}
