using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BaseCommerce.Cli.Infra;
using BaseCommerce.Identity.Accounts.Admin;

namespace BaseCommerce.Cli.Platform;

/// <summary>
/// A small catalogue with its opening stock and one customer for the demo store, so a newcomer can build a quote at once. Written through the
/// public API with the demo client's token, like any integration, so every rule and event applies. Skipped when the
/// store already has products.
/// </summary>
internal static class DemoCatalog
{
    // Stock is small on purpose: delivering one order of the demo pushes a product under its reorder point, so the
    // stock engine's alert shows on the dashboard within seconds.
    // Weights per unit (kg) let the Delivery engine fill its vehicles.
    static readonly (string Code, string Name, string Unit, string Price, string Stock, string WeightKg)[] Products =
    [
        ("CIM-CP2-50", "Cimento CP II 50kg", "SAC", "32.90", "40", "50"),
        ("ARE-MED", "Areia média lavada", "M3", "129.90", "30", "1500"),
        ("BRI-1", "Brita 1", "M3", "139.00", "30", "1400"),
        ("TIJ-8F", "Tijolo cerâmico 8 furos", "MIL", "890.00", "20", "2400"),
        ("VER-10", "Vergalhão CA-50 10mm (12 m)", "PC", "45.90", "200", "7.4"),
        ("ARG-AC2", "Argamassa AC-II 20kg", "SAC", "24.50", "60", "20"),
    ];

    public static async Task SeedAsync(int httpPort)
    {
        using var client = Client(httpPort);
        var demo = DemoSeed.Demo.ApiClient!;
        var token = await client.PostAsync("/auth/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = demo.ClientId, ["client_secret"] = demo.KnownSecret!,
        }));
        if (!token.IsSuccessStatusCode)
            throw new CliException($"The demo client could not get a token ({(int)token.StatusCode}): {await token.Content.ReadAsStringAsync()}");
        var accessToken = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        var existing = await client.GetAsync("/api/v1/produtos/?limit=1");
        if (existing.Headers.TryGetValues("X-Total-Count", out var total) && total.Single() != "0")
            return;
        foreach (var (code, name, unit, price, stock, weight) in Products)
        {
            var product = await client.PostAsJsonAsync("/api/v1/produtos/", new { codigo = code, nome = name, unidade = unit, preco_base = price, peso_kg = weight });
            await Ensure(product);
            var productId = JsonDocument.Parse(await product.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            await Ensure(await client.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = productId, quantidade = stock, observacao = "Estoque inicial da demonstração" }));
        }
        var customer = await client.PostAsJsonAsync("/api/v1/clientes/", new
        {
            tipo = "PJ", nome = "Construtora Exemplo Ltda", documento = "11.444.777/0002-42", telefone = "(24) 3333-0000",
            cidade = "Volta Redonda", estado = "RJ", cep = "27213-000",
        });
        await Ensure(customer);
        var id = JsonDocument.Parse(await customer.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        await Ensure(await client.PostAsJsonAsync("/api/v1/obras/", new
        {
            cliente_id = id, nome = "Residencial Jardim Amália", endereco = "Rua das Acácias, 120", cidade = "Volta Redonda", estado = "RJ",
        }));
    }

    static async Task Ensure(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new CliException($"Seeding the demo catalogue failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
    }

    // Through nginx as demo.localhost.
    static HttpClient Client(int port)
    {
        var client = LoopbackHttp.Client(port, TimeSpan.FromSeconds(15));
        client.BaseAddress = new Uri($"http://demo.localhost:{port}");
        return client;
    }
}
