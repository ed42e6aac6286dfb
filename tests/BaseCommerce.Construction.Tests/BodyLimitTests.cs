using System.Net;
using System.Text;
using BaseCommerce.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Shouldly;

namespace BaseCommerce.Construction.Tests;

/// <summary>
/// The 1 MiB body limit on the real server (Kestrel, not the in-memory test server): a body that declares more, and a
/// chunked one that grows past it, are both answered 413 as problem details, and nothing is written.
/// </summary>
[Collection(ConstructionCollection.Name)]
public sealed class BodyLimitTests(ConstructionServer server) : IAsyncLifetime
{
    readonly int _port = LoopbackPorts.Free();
    WebApplicationFactory<Verticals.Construction.Data.ConstructionDb> _kestrel = null!;

    public Task InitializeAsync()
    {
        _kestrel = server.StartKestrelConstruction(_port);
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABodyOverOneMebibyte_Is413AsProblemDetails_DeclaredOrChunked(bool chunked)
    {
        var store = await Store.CreateAsync(server, "corpo");
        using var client = LocalhostHttp.Client();
        var name = new string('x', 2 * 1024 * 1024);
        var json = Encoding.UTF8.GetBytes($$"""{"tipo":"PJ","nome":"{{name}}","documento":"{{TestDocuments.Cnpj()}}"}""");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(json)) : new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_port}/api/v1/clientes/") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        // A declared length over the limit is answered before the body is read; without Expect the client may still be
        // writing the 2 MiB when the server closes, and sees a broken pipe instead of the answer (a CI flake).
        request.Headers.ExpectContinue = !chunked;
        request.Headers.Add("X-Tenant-Slug", store.Tenant.Slug);
        request.Headers.Authorization = new("Bearer", await server.StaffTokenAsync(store.Tenant, "admin"));

        var response = await client.SendAsync(request);

        await Store.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "limite de 1024 KB");
        var admin = await store.AdminAsync();
        (await Store.OkAsync(await admin.GetAsync("/api/v1/clientes/"), HttpStatusCode.OK)).GetArrayLength().ShouldBe(0);
    }

    public async Task DisposeAsync() => await _kestrel.DisposeAsync();
}
