using System.Net;
using BaseCommerce.Testing;
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
    public async Task TheDocument_StatesTheSecurityScheme_EveryErrorResponse_AndTheInputLimits()
    {
        var document = await Store.OkAsync(await server.Construction.CreateClient().GetAsync("/api/v1/openapi.json"), HttpStatusCode.OK);
        File.WriteAllText(Path.Combine(TestSettings.RepositoryRoot, ".basec", "test-results", "openapi.json"), document.ToString());

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        var flows = schemes.GetProperty("oauth2").GetProperty("flows");
        flows.GetProperty("clientCredentials").GetProperty("scopes").TryGetProperty("api.read", out _).ShouldBeTrue();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            path.Name.ShouldStartWith("/api/v1/", customMessage: "only the API is described, not the web UI's routes");
            foreach (var operation in path.Value.EnumerateObject())
            {
                var label = $"{operation.Name} {path.Name}";
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                var expected = new List<string> { "400", "404", "429" };
                if (path.Name is not "/api/v1/tenant")
                    expected.AddRange(["401", "403"]);
                if (operation.Name is "post" or "put" or "delete")
                    expected.Add("409");
                if (operation.Value.TryGetProperty("requestBody", out _))
                    expected.AddRange(["413", "415"]);
                foreach (var status in expected)
                {
                    responses.ShouldContainKey(status, label);
                    responses[status].GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue($"{label} {status}");
                }
                if (path.Name is not "/api/v1/tenant")
                    operation.Value.GetProperty("security").GetArrayLength().ShouldBeGreaterThan(0, label);
            }
        }
        var writeScopes = document.GetProperty("paths").GetProperty("/api/v1/clientes").GetProperty("post").GetProperty("security")[0].GetProperty("bearer");
        writeScopes.EnumerateArray().Select(s => s.GetString()).ShouldBe(["api"]);
        var readScopes = document.GetProperty("paths").GetProperty("/api/v1/clientes").GetProperty("get").GetProperty("security")[0].GetProperty("bearer");
        readScopes.EnumerateArray().Select(s => s.GetString()).ShouldBe(["api.read"]);

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var customer = schemas.GetProperty("ClienteInput");
        customer.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["nome"]);
        customer.GetProperty("properties").GetProperty("documento").GetProperty("description").GetString()!.ShouldContain("Obrigatório no cadastro");
        customer.GetProperty("properties").GetProperty("nome").GetProperty("maxLength").GetInt32().ShouldBe(200);
        var product = schemas.GetProperty("ProdutoInput");
        product.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldNotContain("codigo");
        var price = product.GetProperty("properties").GetProperty("preco_base");
        price.GetProperty("pattern").GetString().ShouldBe(Verticals.Construction.Api.PlainDecimalConverter.Pattern);
        price.GetProperty("type").EnumerateArray().Select(t => t.GetString()).ShouldNotContain("null");
        schemas.GetProperty("CotacaoInput").GetProperty("required").EnumerateArray().Select(r => r.GetString()).ShouldBe(["itens"]);
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
