using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BaseCommerce.Testing;
using Npgsql;
using Shouldly;
using Xunit.Abstractions;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// Every write operation of the OpenAPI document, fed with bad bodies generated from its own schema: malformed JSON, wrong
/// types, missing required fields, nulls inside arrays, out-of-range and over-precise numbers, oversize and control-character
/// strings. Each must be refused with a 4xx as problem details, and leave the store's rows and the outbox as they were.
/// A route added later is fuzzed too; one whose path parameter the test cannot fill fails, naming it.
/// </summary>
[Collection(ConstructionCollection.Name)]
public sealed class ApiFuzzTests(ConstructionServer server, ITestOutputHelper output)
{
    static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    [Fact]
    public async Task EveryWriteOperation_RefusesBadBodies_WithProblemDetails_AndWritesNothing()
    {
        var store = await Store.CreateAsync(server, "fuzz");
        var setup = await store.SetupAsync();
        var fixtures = new Fixtures(store, setup);
        var document = JsonNode.Parse(await server.Construction.CreateClient().GetStringAsync("/api/v1/openapi.json"))!;

        var failures = new List<string>();
        var operations = 0;
        var cases = 0;
        foreach (var (path, method, operation) in WriteOperations(document))
        {
            if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } bodySchema)
                continue;
            operations++;
            var schema = Resolve(document, bodySchema);
            var (url, overrides) = await fixtures.PathAsync(path);
            var valid = (JsonObject)Generator.Valid(document, schema, overrides, fixtures);
            await fixtures.OutboxDrainedAsync(server.Database.OwnerConnection);
            var before = await Snapshot.TakeAsync(server.Database.OwnerConnection, store.Tenant.Id);

            var bodyRequired = operation["requestBody"]?["required"]?.GetValue<bool>() ?? false;
            foreach (var (name, body) in Generator.Bad(document, schema, valid, bodyRequired))
            {
                cases++;
                var response = await Send(setup.Admin, method, url, body);
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var media = response.Content.Headers.ContentType?.MediaType;
                var label = $"{method} {path} [{name}]";
                if (status is < 400 or >= 500)
                    failures.Add($"{label}: {status} {Shorten(text)}");
                else if (media != "application/problem+json")
                    failures.Add($"{label}: {status} answered as {media ?? "no content type"}");
                var after = await Snapshot.TakeAsync(server.Database.OwnerConnection, store.Tenant.Id);
                if (after != before)
                {
                    failures.Add($"{label}: {status}, and the store's rows or the outbox changed");
                    await fixtures.OutboxDrainedAsync(server.Database.OwnerConnection);
                    before = await Snapshot.TakeAsync(server.Database.OwnerConnection, store.Tenant.Id);
                }
            }

            // The valid body itself is accepted: the bad ones above were refused for what was wrong with them, not for the rest.
            var ok = await Send(setup.Admin, method, url, valid.ToJsonString(Compact));
            if (!ok.IsSuccessStatusCode)
                failures.Add($"{method} {path} [valid body]: {(int)ok.StatusCode} {Shorten(await ok.Content.ReadAsStringAsync())}");
        }

        output.WriteLine($"{operations} write operations, {cases} bad bodies");
        operations.ShouldBeGreaterThanOrEqualTo(15, "the document lists the vertical's write operations");
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(60)) + (failures.Count > 60 ? $"\n… and {failures.Count - 60} more" : ""));
    }

    static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    static Task<HttpResponseMessage> Send(HttpClient client, string method, string url, string body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

    static IEnumerable<(string Path, string Method, JsonNode Operation)> WriteOperations(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
                if (method is "post" or "put" or "patch")
                    yield return (path, method, operation!);
    }

    internal static JsonObject Resolve(JsonNode document, JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
            schema = document["components"]!["schemas"]![reference.Split('/').Last()]!;
        return schema.AsObject();
    }

    internal static IReadOnlyList<string> Types(JsonNode document, JsonNode schema)
    {
        var resolved = Resolve(document, schema);
        return resolved["type"] switch
        {
            JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
            JsonValue one => [one.GetValue<string>()],
            _ => resolved["oneOf"] is JsonArray options ? [.. options.SelectMany(o => Types(document, o!))] : ["object"],
        };
    }

    /// <summary>Real rows for the path parameters and the body's references, and the values a valid body must carry.</summary>
    sealed class Fixtures(Store store, Store.Setup setup)
    {
        public Guid CustomerId => setup.CustomerId;
        public Guid SiteId => setup.SiteId;
        public Guid ProductId => setup.ProductId;
        Guid? _supplier;
        readonly string _supplierDocument = TestDocuments.Cnpj();

        public async Task<Guid> SupplierAsync() => _supplier ??= Store.Id(await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/fornecedores/",
            new { nome = "Fornecedor Fuzz", documento = _supplierDocument }), HttpStatusCode.Created));

        public Guid SupplierId => _supplier ?? throw new InvalidOperationException("call SupplierAsync first");

        /// <summary>The URL with its parameters filled by a fresh row of the right kind, and the fields a valid body must match.</summary>
        public async Task<(string Url, Dictionary<string, JsonNode?> Overrides)> PathAsync(string path)
        {
            await SupplierAsync();
            var overrides = new Dictionary<string, JsonNode?>();
            var url = path;
            var segments = path.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                if (!segments[i].StartsWith('{'))
                    continue;
                var id = (segments[i - 1], segments[i]) switch
                {
                    ("clientes", _) => await CustomerAsync(overrides),
                    ("obras", _) => await SiteAsync(overrides),
                    ("produtos", _) => Store.Id(await store.ProductAsync(setup.Admin)),
                    ("fornecedores", _) => await SupplierAsync(overrides),
                    ("cotacoes", _) or ("from-cotacao", _) => await QuoteAsync(overrides),
                    ("pedidos", _) => await OrderAsync(),
                    ("entregas", _) => await DeliveryAsync(overrides),
                    var unknown => throw new InvalidOperationException($"The fuzz test cannot fill {unknown} in {path}: teach Fixtures.PathAsync."),
                };
                url = url.Replace(segments[i], id.ToString());
            }
            return (url, overrides);
        }

        async Task<Guid> CustomerAsync(Dictionary<string, JsonNode?> overrides)
        {
            var customer = await store.CustomerAsync(setup.Admin);
            overrides["tipo"] = customer.GetProperty("tipo").GetString();
            overrides["documento"] = customer.GetProperty("documento").GetString();
            return Store.Id(customer);
        }

        async Task<Guid> SupplierAsync(Dictionary<string, JsonNode?> overrides)
        {
            overrides["documento"] = _supplierDocument;
            return await SupplierAsync();
        }

        async Task<Guid> SiteAsync(Dictionary<string, JsonNode?> overrides)
        {
            overrides["cliente_id"] = setup.CustomerId.ToString();
            return Store.Id(await store.SiteAsync(setup.Admin, setup.CustomerId));
        }

        async Task<Guid> QuoteAsync(Dictionary<string, JsonNode?> overrides)
        {
            var quote = await store.QuoteAsync(setup.Admin, setup.CustomerId, setup.ProductId, siteId: setup.SiteId);
            overrides["versao"] = quote.GetProperty("versao").GetInt32();
            return Store.Id(quote);
        }

        async Task<Guid> OrderAsync() => Store.Id(await Store.OkAsync(await setup.Admin.PostAsJsonAsync("/api/v1/pedidos/", new
        {
            cliente_id = setup.CustomerId, obra_id = setup.SiteId, itens = new[] { new { produto_id = setup.ProductId, quantidade = "1" } },
        }), HttpStatusCode.Created));

        /// <summary>A delivery on its way: an order with its stock, moved to saiu_entrega.</summary>
        async Task<Guid> DeliveryAsync(Dictionary<string, JsonNode?> overrides)
        {
            overrides["tipo"] = "outro";
            await Store.ReceiveAsync(setup.Admin, setup.ProductId, "1");
            var order = await OrderAsync();
            await Store.OkAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/pedidos/{order}/status", new { status = "saiu_entrega" }), HttpStatusCode.OK);
            var deliveries = await Store.OkAsync(await setup.Admin.GetAsync($"/api/v1/entregas/?pedido_id={order}"), HttpStatusCode.OK);
            return Store.Id(deliveries[0]);
        }

        /// <summary>Waits until the outbox has sent what earlier writes committed, so it holds still while bad bodies are sent.</summary>
        public async Task OutboxDrainedAsync(string connection)
        {
            for (var i = 0; i < 200 && await Snapshot.OutboxAsync(connection) > 0; i++)
                await Task.Delay(50);
        }
    }

    /// <summary>Bodies from a schema: one valid, then the bad ones, each a single mutation of the valid body.</summary>
    static class Generator
    {
        const int Huge = 1 << 20;

        public static JsonNode Valid(JsonNode document, JsonObject schema, IReadOnlyDictionary<string, JsonNode?> overrides, Fixtures fixtures)
        {
            var body = new JsonObject();
            foreach (var (name, property) in (schema["properties"] as JsonObject ?? []))
                body[name] = overrides.TryGetValue(name, out var value) ? value?.DeepClone() : ValueOf(document, name, property!, fixtures);
            return body;
        }

        static JsonNode? ValueOf(JsonNode document, string name, JsonNode property, Fixtures fixtures)
        {
            var types = Types(document, property);
            if (types.Contains("array"))
            {
                var items = Resolve(document, property["items"]!);
                return new JsonArray(Valid(document, items, new Dictionary<string, JsonNode?>(), fixtures));
            }
            return name switch
            {
                "cliente_id" => fixtures.CustomerId.ToString(),
                "obra_id" => fixtures.SiteId.ToString(),
                "produto_id" => fixtures.ProductId.ToString(),
                "fornecedor_id" => fixtures.SupplierId.ToString(),
                "tipo" => "PJ",
                "documento" => TestDocuments.Cnpj(),
                "recebedor_documento" => "123.456.789-09",
                "nivel_servico" => "0.95",
                "unidade" => "UN",
                "fuso_horario" => "America/Manaus",
                "estado" => "RJ",
                "cep" => "27310-000",
                "email" => "compras@exemplo.com.br",
                "status" => "em_preparacao",
                "codigo" => "F-" + Guid.NewGuid().ToString("N")[..8],
                "latitude" => "-22.523000",
                "longitude" => "-44.104000",
                "versao" => 1,
                "validade_dias" => 7,
                _ when types.Contains("boolean") => true,
                _ when types.Contains("integer") => 1,
                _ when types.Contains("number") => "1.00",
                _ => "Texto válido " + name,
            };
        }

        public static IEnumerable<(string Name, string Body)> Bad(JsonNode document, JsonObject schema, JsonObject valid, bool bodyRequired)
        {
            var json = valid.ToJsonString(Compact);
            yield return ("malformed JSON", json[..(json.Length / 2)]);
            yield return ("a JSON array", "[" + json + "]");
            yield return ("a bare string", "\"texto\"");
            if (bodyRequired) // an optional body may be left out or sent as null
            {
                yield return ("null", "null");
                yield return ("empty", "");
            }
            foreach (var (name, body) in Mutations(document, schema, valid, ""))
                yield return (name, body);
        }

        /// <summary>Each mutation of one property of <paramref name="target"/>, serialized as the whole body <paramref name="root"/>.</summary>
        static IEnumerable<(string, string)> Mutations(JsonNode document, JsonObject schema, JsonObject target, string prefix, JsonObject? root = null)
        {
            root ??= target;
            var required = (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var (name, propertyNode) in (schema["properties"] as JsonObject ?? []))
            {
                var property = Resolve(document, propertyNode!);
                var types = Types(document, propertyNode!);
                var field = prefix + name;
                var original = target[name]?.DeepClone();

                IEnumerable<(string, JsonNode?)> values()
                {
                    if (types.Contains("array"))
                    {
                        yield return ("null inside the array", new JsonArray((JsonNode?)null));
                        yield return ("an object instead of an array", new JsonObject());
                        yield return ("a string instead of an array", "itens");
                    }
                    else if (types.Contains("string") && property["format"]?.GetValue<string>() == "uuid")
                    {
                        yield return ("not a uuid", "nao-e-uuid");
                        yield return ("a number instead of a uuid", 42);
                    }
                    else if (types.Contains("integer"))
                    {
                        yield return ("integer overflow", JsonNode.Parse("2147483648"));
                        yield return ("negative integer", int.MinValue);
                        yield return ("a fraction for an integer", JsonNode.Parse("1.5"));
                        yield return ("a boolean for an integer", true);
                    }
                    else if (types.Contains("number"))
                    {
                        yield return ("exponent notation", "1e3");
                        yield return ("exponent notation as a JSON number", JsonNode.Parse("1E3"));
                        yield return ("more decimals than the column", "1.0000001");
                        yield return ("beyond the column's range", "10000000000000000");
                        yield return ("beyond the column's range, negative", "-10000000000000000");
                        yield return ("not a number", "abc");
                        yield return ("a boolean for a number", true);
                    }
                    else if (types.Contains("boolean"))
                    {
                        yield return ("a string for a boolean", "talvez");
                        yield return ("a number for a boolean", 1);
                    }
                    else if (types.Contains("string"))
                    {
                        var text = original?.GetValue<string>() ?? "texto";
                        yield return ("NUL character", text + "\u0000");
                        yield return ("control character", "a\u0007b");
                        yield return ("escape character", "\u001B[31m" + text);
                        var max = property["maxLength"]?.GetValue<int>();
                        if (max is not null)
                            yield return ($"over maxLength {max}", new string('x', max.Value + 1));
                        yield return ("1 MB string", new string('x', Huge));
                        yield return ("a number for a string", 12345);
                        yield return ("an object for a string", new JsonObject());
                    }
                    if (required.Contains(name))
                        yield return ("null for a required field", null);
                }

                foreach (var (label, value) in values())
                {
                    target[name] = value;
                    yield return ($"{field}: {label}", root.ToJsonString(Compact));
                }
                if (required.Contains(name))
                {
                    target.Remove(name);
                    yield return ($"{field}: missing required field", root.ToJsonString(Compact));
                }
                target[name] = original;

                // Inside arrays of objects: the same mutations on the first element's properties.
                if (types.Contains("array") && original is JsonArray { Count: > 0 } array && array[0] is JsonObject element)
                {
                    var itemSchema = Resolve(document, property["items"]!);
                    foreach (var mutation in Mutations(document, itemSchema, element, $"{field}[0].", root))
                        yield return mutation;
                }
            }
        }
    }

    /// <summary>A fingerprint of every row the store has in the vertical's tables, and the outbox's size.</summary>
    static class Snapshot
    {
        public static async Task<string> TakeAsync(string connection, Guid tenant)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var tx = await db.BeginTransactionAsync();
            await using (var set = new NpgsqlCommand("SELECT set_config('app.tenant_id', @t, true)", db, tx))
            {
                set.Parameters.AddWithValue("t", tenant.ToString());
                await set.ExecuteNonQueryAsync();
            }
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'construction' AND table_type = 'BASE TABLE' ORDER BY 1", db, tx))
            await using (var reader = await list.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    tables.Add(reader.GetString(0));
            tables.Remove("assistentes_cotacao"); // the web wizard's scratch rows; the API never writes them
            var sql = string.Join(" || '|' || ", tables.Select(t =>
                $"(SELECT '{t}:' || count(*) || ':' || coalesce(md5(string_agg(r::text, ',' ORDER BY r::text)), '') FROM construction.{t} r)"));
            await using var cmd = new NpgsqlCommand($"SELECT {sql} || '|outbox:' || (SELECT count(*) FROM messaging.outbox_message)", db, tx);
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        public static async Task<long> OutboxAsync(string connection)
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM messaging.outbox_message", db);
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
    }
}
