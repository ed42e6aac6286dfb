using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BaseCommerce.Authentication;
using BaseCommerce.Tenancy;
using BaseCommerce.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>A store under test and an API client per role, with the calls the tests repeat.</summary>
public sealed class Store(ConstructionServer server, TenantInfo tenant)
{
    public TenantInfo Tenant => tenant;

    public static async Task<Store> CreateAsync(ConstructionServer server, string prefix = "loja") => new(server, await server.CreateStoreAsync(prefix));

    public async Task<HttpClient> AsAsync(params string[] roles) => server.Client(tenant, await server.StaffTokenAsync(tenant, roles));
    public Task<HttpClient> AdminAsync() => AsAsync(StaffRoles.Admin);
    public async Task<HttpClient> IntegrationAsync(params string[] scopes) => server.Client(tenant, await server.ClientTokenAsync(tenant, scopes));

    public async Task<JsonElement> CustomerAsync(HttpClient client, string? document = null, string city = "Volta Redonda") =>
        await OkAsync(await client.PostAsJsonAsync("/api/v1/clientes/", new
        {
            tipo = "PJ", nome = "Construtora Teste", documento = document ?? TestDocuments.Cnpj(), cidade = "Barra Mansa", estado = "RJ",
        }), HttpStatusCode.Created);

    public async Task<JsonElement> SiteAsync(HttpClient client, Guid customerId, string city = "Volta Redonda") =>
        await OkAsync(await client.PostAsJsonAsync("/api/v1/obras/", new { cliente_id = customerId, nome = "Obra Teste", cidade = city, estado = "RJ" }),
            HttpStatusCode.Created);

    public async Task<JsonElement> ProductAsync(HttpClient client, string price = "32.00") =>
        await OkAsync(await client.PostAsJsonAsync("/api/v1/produtos/", new
        {
            codigo = "PROD-" + Guid.NewGuid().ToString("N")[..6], nome = "Cimento CP II", unidade = "KG", preco_base = price,
        }), HttpStatusCode.Created);

    /// <summary>A draft quote of one customer for 10 × the product at 32.00 (320.00), with an optional header discount.</summary>
    public async Task<JsonElement> QuoteAsync(HttpClient client, Guid customerId, Guid productId, string discount = "0", Guid? siteId = null) =>
        await OkAsync(await client.PostAsJsonAsync("/api/v1/cotacoes/", new
        {
            cliente_id = customerId, obra_id = siteId, desconto_percentual = discount,
            itens = new[] { new { produto_id = productId, quantidade = "10", preco_unitario = "32.00" } },
        }), HttpStatusCode.Created);

    public record Setup(HttpClient Admin, Guid CustomerId, Guid SiteId, Guid ProductId);

    /// <summary>A receipt of <paramref name="quantity"/> of the product into stock, so an order of it can leave.</summary>
    public static async Task<JsonElement> ReceiveAsync(HttpClient client, Guid productId, string quantity = "100") =>
        await OkAsync(await client.PostAsJsonAsync("/api/v1/estoque/entradas", new { produto_id = productId, quantidade = quantity }), HttpStatusCode.Created);

    public async Task<Setup> SetupAsync()
    {
        var admin = await AdminAsync();
        var customer = Id(await CustomerAsync(admin));
        var site = Id(await SiteAsync(admin, customer));
        var product = Id(await ProductAsync(admin));
        return new Setup(admin, customer, site, product);
    }

    /// <summary>A quote taken to <c>aprovada</c>.</summary>
    public async Task<JsonElement> ApprovedQuoteAsync(Setup setup)
    {
        var quote = await QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId, siteId: setup.SiteId);
        await OkAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{Id(quote)}/enviar", null), HttpStatusCode.OK);
        return await OkAsync(await setup.Admin.PostAsync($"/api/v1/cotacoes/{Id(quote)}/aprovar", null), HttpStatusCode.OK);
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>An RFC 7807 refusal with its status, a detail that contains <paramref name="detail"/>, and, for 400s, the fields named.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detail = null, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        if (detail is not null)
            problem.GetProperty("detail").GetString()!.ShouldContain(detail, Case.Insensitive);
        foreach (var field in fields)
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"field error '{field}' expected in {body}");
        return problem;
    }
}
