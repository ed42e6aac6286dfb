extern alias stock;
using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Testing;
using Npgsql;
using Shouldly;
using StockDb = stock::BaseCommerce.Engines.Stock.Data.StockDb;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// An engine killed with SIGKILL in the middle of its backlog, then restarted: it loses nothing and applies nothing twice
/// (its on hand equals the ledger, one fact per movement and sale), and an engine that was down catches up.
/// </summary>
[Collection(EnginesCollection.Name)]
public sealed class EngineCrashTests(EnginesServer server)
{
    [Fact]
    public async Task TheStockEngine_KilledMidStream_AndRestarted_EndsAsACleanRunWould()
    {
        await server.Stock.DisposeAsync(); // only the child consumes the stock endpoint in this test
        try
        {
            var store = await Store.CreateAsync(server, "queda");
            var setup = await store.SetupAsync();
            var admin = setup.Admin;
            var products = new List<Guid> { setup.ProductId };
            for (var i = 0; i < 4; i++)
                products.Add(Store.Id(await store.ProductAsync(admin)));

            // A backlog while no stock engine runs: it must be caught up.
            foreach (var p in products)
                await Store.ReceiveAsync(admin, p, "500");
            using (var first = await ChildService.StartAsync("BaseCommerce.Engines.Stock", server.Database.AppConnection, TestSettings.Redis, server.Prefix, QuickReclaim))
            {
                // More traffic while the engine works, then SIGKILL in the middle of it.
                var work = Task.Run(async () =>
                {
                    for (var i = 0; i < 30; i++)
                    {
                        var p = products[i % products.Count];
                        var order = Store.Id(await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/pedidos/", new
                        {
                            cliente_id = setup.CustomerId, itens = new[] { new { produto_id = p, quantidade = "3", preco_unitario = "10.00" } },
                        }), HttpStatusCode.Created));
                        await Store.OkAsync(await admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = i % 3 == 0 ? "saiu_entrega" : "entregue" }),
                            HttpStatusCode.OK);
                        await admin.PostAsJsonAsync("/api/v1/estoque/ajustes", new { produto_id = p, quantidade = "-1", motivo = "quebra" });
                    }
                });
                await Task.Delay(1500);
                first.Kill();
                await work;
            }
            using var second = await ChildService.StartAsync("BaseCommerce.Engines.Stock", server.Database.AppConnection, TestSettings.Redis, server.Prefix, QuickReclaim);
            await ConvergedAsync(store);
        }
        finally
        {
            server.Stock = server.StartEngine<StockDb>();
        }
    }

    /// <summary>
    /// The killed process's entries wait out the lock before the restarted one takes them; at the default 60 s (plus a
    /// 15 s claim pass) that wait alone could outlast the convergence window.
    /// </summary>
    static readonly Dictionary<string, string> QuickReclaim = new()
    {
        ["Messaging__LockDuration"] = "00:00:06",
        ["Messaging__ClaimInterval"] = "00:00:01",
    };

    /// <summary>The engine's on hand equals the ledger, with exactly one movement fact per ledger movement and one sale per delivered order line.</summary>
    async Task ConvergedAsync(Store store)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        string last = "";
        while (DateTime.UtcNow < until)
        {
            var (ledger, engine, movements, facts, delivered, sales) = await CountsAsync(store);
            last = $"ledger [{ledger}] engine [{engine}], movements {movements}/{facts}, sales {delivered}/{sales}";
            if (ledger == engine && movements == facts && delivered == sales)
                return;
            await Task.Delay(300);
        }
        throw new ShouldAssertException($"The restarted engine did not converge: {last}");
    }

    async Task<(string Ledger, string Engine, long Movements, long Facts, long Delivered, long Sales)> CountsAsync(Store store)
    {
        await using var db = new NpgsqlConnection(server.Database.AppConnection);
        await db.OpenAsync();
        await using var tx = await db.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", db, tx))
        {
            set.Parameters.AddWithValue("t", store.Tenant.Id.ToString());
            await set.ExecuteScalarAsync();
        }
        async Task<T> One<T>(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, db, tx);
            return (T)(await cmd.ExecuteScalarAsync())!;
        }
        return (
            await One<string>("SELECT coalesce(string_agg(product_id || '=' || quantity::numeric(14,3), ',' ORDER BY product_id), '') FROM construction.estoque"),
            await One<string>("SELECT coalesce(string_agg(product_id || '=' || on_hand::numeric(14,3), ',' ORDER BY product_id), '') FROM stock.levels"),
            await One<long>("SELECT count(*) FROM construction.movimentos_estoque"),
            await One<long>("SELECT count(*) FROM stock.movements"),
            await One<long>("SELECT count(*) FROM construction.pedido_itens i JOIN construction.pedidos p ON p.id = i.order_id WHERE p.status = 'entregue'"),
            await One<long>("SELECT count(*) FROM stock.sales"));
    }
}
