using System.Net;
using System.Net.Http.Json;
using BaseCommerce.Contracts.Customers;
using BaseCommerce.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>Bad input: a clear 400/409 with field errors, nothing persisted, no event published. Never a 500.</summary>
[Collection(ConstructionCollection.Name)]
public sealed class ValidationTests(ConstructionServer server)
{
    [Fact]
    public async Task InvalidDocuments_AndAddresses_AreFieldErrors_AndNothingIsWritten()
    {
        var store = await Store.CreateAsync(server, "valida");
        var admin = await store.AdminAsync();

        await Store.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "PF", nome = "Ana", documento = "123.456.789-00" }),
            HttpStatusCode.BadRequest, null, "documento");
        await Store.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "PJ", nome = "", documento = "11.222.333/0001-82", estado = "XX", cep = "123" }),
            HttpStatusCode.BadRequest, null, "documento", "nome", "estado", "cep");
        await Store.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "XY", nome = "Ana", documento = "1" }), HttpStatusCode.BadRequest, null, "tipo");
        await Store.ProblemAsync(await admin.PostAsync("/api/v1/clientes/", new StringContent("{nao e json", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        (await Store.OkAsync(await admin.GetAsync("/api/v1/clientes/"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);

        var cpf = TestDocuments.Cpf();
        var person = await Store.OkAsync(await admin.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "PF", nome = "Ana", documento = cpf[..3] + "." + cpf[3..6] + "." + cpf[6..9] + "-" + cpf[9..] }),
            HttpStatusCode.Created);
        person.GetProperty("documento").GetString().ShouldBe(cpf);
        await Store.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "PF", nome = "Outra Ana", documento = cpf }), HttpStatusCode.Conflict, "Já existe");
    }

    [Fact]
    public async Task BadQuantities_Discounts_AndPrices_AreFieldErrors_AndNoQuoteOrEventExists()
    {
        var store = await Store.CreateAsync(server, "valida");
        var setup = await store.SetupAsync();
        var response = await setup.Admin.PostAsJsonAsync("/api/v1/cotacoes/", new
        {
            cliente_id = setup.CustomerId, desconto_percentual = "150",
            itens = new object[]
            {
                new { produto_id = setup.ProductId, quantidade = "0" },
                new { produto_id = setup.ProductId, quantidade = "-2", desconto_percentual = "101" },
                new { produto_id = Guid.NewGuid(), quantidade = "1" },
            },
        });
        await Store.ProblemAsync(response, HttpStatusCode.BadRequest, null, "desconto_percentual");
        var noItems = await setup.Admin.PostAsJsonAsync("/api/v1/cotacoes/", new { cliente_id = setup.CustomerId, itens = Array.Empty<object>() });
        await Store.ProblemAsync(noItems, HttpStatusCode.BadRequest, null, "itens");
        var lines = await setup.Admin.PostAsJsonAsync("/api/v1/cotacoes/", new
        {
            cliente_id = setup.CustomerId,
            itens = new object[] { new { produto_id = setup.ProductId, quantidade = "0" }, new { produto_id = setup.ProductId, quantidade = "1", desconto_percentual = "101" }, new { produto_id = Guid.NewGuid(), quantidade = "1" } },
        });
        await Store.ProblemAsync(lines, HttpStatusCode.BadRequest, null, "itens[0].quantidade", "itens[1].desconto_percentual", "itens[2].produto_id");
        await Store.ProblemAsync(await setup.Admin.PostAsJsonAsync("/api/v1/produtos/", new { nome = "X", unidade = "BALDE", preco_base = -1 }),
            HttpStatusCode.BadRequest, null, "unidade", "preco_base");
        await Store.ProblemAsync(await setup.Admin.GetAsync("/api/v1/cotacoes/?limit=5000"), HttpStatusCode.BadRequest, null, "limit");
        await Store.ProblemAsync(await setup.Admin.GetAsync("/api/v1/cotacoes/?status_filter=perdida"), HttpStatusCode.BadRequest, null, "status_filter");

        (await Store.OkAsync(await setup.Admin.GetAsync("/api/v1/cotacoes/"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
        server.Events.Of<Contracts.Quotes.QuoteCreated>().ShouldNotContain(e => e.TenantId == store.Tenant.Id);
    }

    [Fact]
    public async Task FixedFields_SentWithAnotherValue_Are409NamingTheField_AndAQuoteKeepsItsSiteWhenObraIdIsLeftOut()
    {
        var store = await Store.CreateAsync(server, "fixo");
        var setup = await store.SetupAsync();
        var customer = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/clientes/{setup.CustomerId}"), HttpStatusCode.OK);
        var document = customer.GetProperty("documento").GetString();

        await Store.ProblemAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/clientes/{setup.CustomerId}", new { nome = "Outro", documento = TestDocuments.Cnpj() }),
            HttpStatusCode.Conflict, "não muda", "documento");
        await Store.ProblemAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/clientes/{setup.CustomerId}", new { nome = "Outro", tipo = "PF" }),
            HttpStatusCode.Conflict, "não muda", "tipo");
        (await Store.OkAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/clientes/{setup.CustomerId}", new { nome = "Mesmo Documento", tipo = "PJ", documento = document }),
            HttpStatusCode.OK)).GetProperty("nome").GetString().ShouldBe("Mesmo Documento");
        var otherCustomer = Store.Id(await store.CustomerAsync(setup.Admin));
        await Store.ProblemAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/obras/{setup.SiteId}", new { cliente_id = otherCustomer, nome = "Obra" }),
            HttpStatusCode.Conflict, null, "cliente_id");

        var quote = Store.Id(await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId, siteId: setup.SiteId));
        var items = new[] { new { produto_id = setup.ProductId, quantidade = "2" } };
        var kept = await Store.OkAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/cotacoes/{quote}", new { itens = items }), HttpStatusCode.OK);
        kept.GetProperty("obra_id").GetGuid().ShouldBe(setup.SiteId, "obra_id left out keeps the site");
        var cleared = await Store.OkAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/cotacoes/{quote}", new { itens = items, obra_id = (Guid?)null }), HttpStatusCode.OK);
        cleared.GetProperty("obra_id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        await Store.ProblemAsync(await setup.Admin.PutAsJsonAsync($"/api/v1/cotacoes/{quote}", new { cliente_id = otherCustomer, itens = items }),
            HttpStatusCode.Conflict, "outro cliente", "cliente_id");
    }

    [Theory]
    [InlineData("\"1e3\"", "sem expoente")]
    [InlineData("1E3", "sem expoente")]
    [InlineData("\"32.001\"", "no máximo 2 casas decimais")]
    [InlineData("\" 32\"", "sem expoente")]
    [InlineData("\"+32\"", "sem expoente")]
    [InlineData("\"10000000000\"", "fora do intervalo")]
    public async Task ADecimalOutOfPlainNotationOrBeyondTheColumn_IsA400NamingIt_NeverARounding(string price, string reason)
    {
        var store = await Store.CreateAsync(server, "decimal");
        var admin = await store.AdminAsync();
        var body = new StringContent("{\"nome\":\"Cimento\",\"unidade\":\"SAC\",\"preco_base\":" + price + "}", System.Text.Encoding.UTF8, "application/json");
        var problem = await Store.ProblemAsync(await admin.PostAsync("/api/v1/produtos/", body), HttpStatusCode.BadRequest, null, "preco_base");
        problem.GetProperty("errors").GetProperty("preco_base")[0].GetString()!.ShouldContain(reason);
        (await Store.OkAsync(await admin.GetAsync("/api/v1/produtos/"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TwoConcurrentRegistrationsOfOneDocument_GiveOneCustomer_AndOneEvent()
    {
        var store = await Store.CreateAsync(server, "corrida");
        var admin = await store.AdminAsync();
        var cnpj = TestDocuments.Cnpj();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            admin.PostAsJsonAsync("/api/v1/clientes/", new { tipo = "PJ", nome = "Mesma Empresa", documento = cnpj })));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        var created = await server.Events.WaitForAsync<CustomerRegistered>(e => e.TenantId == store.Tenant.Id);
        await Task.Delay(1500); // time for any wrongly committed event to arrive too
        server.Events.Of<CustomerRegistered>().Count(e => e.TenantId == store.Tenant.Id).ShouldBe(1);
        created.Name.ShouldBe("Mesma Empresa");
    }
}
