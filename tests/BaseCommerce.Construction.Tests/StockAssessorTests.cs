extern alias stock;
using System.Net;
using BaseCommerce.Testing;
using Shouldly;
using StockDb = stock::BaseCommerce.Engines.Stock.Data.StockDb;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The Stock engine's consumers only record facts and mark products dirty; its assessor re-derives each marked product
/// once per batch and deletes the marks in the transaction that publishes the result.
/// </summary>
[Collection(EnginesCollection.Name)]
public sealed class StockAssessorTests(EnginesServer server)
{
    [Fact]
    public async Task ABurstOfReceipts_EndsAssessedAtTheLastLevel_WithNoMarkLeft()
    {
        var store = await Store.CreateAsync(server, "rajada");
        var setup = await store.SetupAsync();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Store.ReceiveAsync(setup.Admin, setup.ProductId, "5")));

        await OnHandEventuallyAsync(setup, "60.000");
        (await MarksAsync(store)).ShouldBe(0, "every mark is deleted by the batch that assessed it");
    }

    [Fact]
    public async Task MarksOfAProcessThatDiedBeforeAssessing_AreTakenByTheSweepOfTheNextStart()
    {
        var store = await Store.CreateAsync(server, "varredura");
        var setup = await store.SetupAsync();
        await Store.ReceiveAsync(setup.Admin, setup.ProductId, "40");
        await OnHandEventuallyAsync(setup, "40.000");

        await server.Stock.DisposeAsync();
        try
        {
            // What a replica leaves when it dies right after its consumer committed: the fact and its mark, no assessment
            // and no wake for anyone else.
            await server.Database.AsTenantAsync(store.Tenant.Id, $"""
                INSERT INTO stock.movements (tenant_id, event_id, product_id, kind, delta, occurred_at)
                VALUES ('{store.Tenant.Id}', gen_random_uuid(), '{setup.ProductId}', 'ajuste', 5, now());
                UPDATE stock.levels SET on_hand = on_hand + 5 WHERE tenant_id = '{store.Tenant.Id}' AND product_id = '{setup.ProductId}';
                INSERT INTO stock.dirty_products (tenant_id, product_id, correlation_id) VALUES ('{store.Tenant.Id}', '{setup.ProductId}', gen_random_uuid());
                """, asOwner: true);
        }
        finally
        {
            server.Stock = server.StartEngine<StockDb>();
        }

        await OnHandEventuallyAsync(setup, "45.000");
        (await MarksAsync(store)).ShouldBe(0);
    }

    /// <summary>The product's figures in the store's API (404 until the engine first assessed it) until on hand reads <paramref name="expected"/>.</summary>
    static async Task OnHandEventuallyAsync(Store.Setup setup, string expected)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        string? last = null;
        while (DateTime.UtcNow < until)
        {
            var response = await setup.Admin.GetAsync($"/api/v1/insights/estoque/produtos/{setup.ProductId}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = (await Store.OkAsync(response, HttpStatusCode.OK)).GetProperty("quantidade_estoque").GetString();
                if (last == expected)
                    return;
            }
            else
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            await Task.Delay(200);
        }
        last.ShouldBe(expected, "the engine's figures reach the vertical's read model");
    }

    async Task<long> MarksAsync(Store store) => (long)(await server.Database.AsTenantAsync(store.Tenant.Id, "SELECT count(*) FROM stock.dirty_products"))!;
}
