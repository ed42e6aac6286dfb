using System.Net;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>The OpenAPI document and its interactive page, served without a store.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class OpenApiTests(ConstructionServer server)
{
    [Fact]
    public async Task TheDocument_DescribesEveryResource_InTheWireVocabulary()
    {
        var client = server.Construction.CreateClient();
        var document = await Store.OkAsync(await client.GetAsync("/api/v1/openapi.json"), HttpStatusCode.OK);

        document.GetProperty("openapi").GetString().ShouldStartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/clientes", "/api/v1/obras", "/api/v1/produtos", "/api/v1/cotacoes/{id}/aprovar",
                     "/api/v1/pedidos/from-cotacao/{cotacaoId}", "/api/v1/fornecedores/{id}/precos", "/api/v1/estoque/entradas", "/api/v1/dashboard" })
            paths.ShouldContain(path);
        var schemas = document.GetProperty("components").GetProperty("schemas").ToString();
        schemas.ShouldContain("desconto_percentual");
        schemas.ShouldContain("preco_unitario");
    }

    [Fact]
    public async Task TheInteractivePage_IsServed()
    {
        var response = await server.Construction.CreateClient().GetAsync("/api/v1/docs");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Scalar API Reference");
        page.ShouldNotContain("cdn.jsdelivr.net", customMessage: "the page's script is served by the app, not a CDN");
    }
}
