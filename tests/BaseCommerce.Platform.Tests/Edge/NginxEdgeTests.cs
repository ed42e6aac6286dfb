extern alias cli;

using System.Net;
using System.Net.Sockets;
using cli::BaseCommerce.Cli;
using cli::BaseCommerce.Cli.Infra;
using BaseCommerce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Edge;

/// <summary>
/// The real nginx with the real template (deploy/nginx), rendered and started by the CLI's own code,
/// in front of three echo upstreams that report which service answered and what X-Tenant-Slug they got.
/// </summary>
public sealed class NginxEdgeTests : IAsyncLifetime
{
    readonly List<WebApplication> _upstreams = [];
    NginxServer _nginx = null!;
    HttpClient _client = null!;
    string _prefix = null!;

    public async Task InitializeAsync()
    {
        if (!Shell.Exists("nginx"))
            throw new InvalidOperationException("nginx is not installed: run the tests with ./basec test, which installs it.");
        var construction = await Echo("construction");
        var identity = await Echo("identity");
        var ops = await Echo("ops");

        var port = LoopbackPorts.Free();
        _prefix = Directory.CreateTempSubdirectory("bc-nginx-").FullName;
        _nginx = new NginxServer(Repo.Locate(), _prefix);
        _nginx.Render($"127.0.0.1:{port}", construction, identity, ops);
        await _nginx.StartOrReloadAsync(port);
        _client = Client(port);
    }

    public async Task DisposeAsync()
    {
        await _nginx.StopAsync();
        foreach (var app in _upstreams) await app.DisposeAsync();
        _client.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }

    [Theory]
    [InlineData("demo.localhost", "/", "construction|demo|/")]
    [InlineData("demo.localhost", "/api/v1/clientes", "construction|demo|/api/v1/clientes")]
    [InlineData("demo.localhost", "/auth/login", "identity|demo|/auth/login")]
    [InlineData("demo.localhost", "/ops/health/ready", "ops|demo|/ops/health/ready")]
    [InlineData("loja-2.basecommerce.com.br", "/health/ready", "construction|loja-2|/health/ready")]
    [InlineData("localhost", "/health/ready", "construction||/health/ready")]
    public async Task RoutesByPath_AndSetsTheTenantFromTheSubdomain(string host, string path, string expected)
    {
        (await Get(host, path, spoofedSlug: null)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("demo.localhost", "construction|demo|/")]
    [InlineData("localhost", "construction||/")]
    [InlineData("attacker.example.com", "construction||/")]
    public async Task ClientSuppliedTenantHeader_IsReplacedOrDropped(string host, string expected)
    {
        (await Get(host, "/", spoofedSlug: "acme")).ShouldBe(expected);
    }

    [Theory]
    [InlineData("/api/v1/clientes/", "application/problem+json")]
    [InlineData("/web/clientes", "text/html")]
    public async Task ABodyOverTheLimit_Is413_InTheCallersLanguage(string path, string media)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(new string('x', 2 * 1024 * 1024), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Host = "demo.localhost";
        await ErrorAsync(await _client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, media);
    }

    [Theory]
    [InlineData("/api/v1/clientes/%00", "application/problem+json")]
    [InlineData("/web/clientes/%00", "text/html")]
    public async Task ANulInThePath_Is400_InTheCallersLanguage(string path, string media)
    {
        await ErrorAsync(await Send(path), HttpStatusCode.BadRequest, media);
    }

    [Fact]
    public async Task AnOverlongUri_Is414()
    {
        var response = await Send("/api/v1/clientes?search=" + new string('a', 9000));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestUriTooLong);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("nginx", Case.Insensitive, "nginx's own page is replaced by ours");
    }

    [Theory]
    [InlineData("/api/v1/clientes", "application/problem+json")]
    [InlineData("/web/", "text/html")]
    public async Task AnUpstreamThatIsDown_Is502_InTheCallersLanguage(string path, string media)
    {
        await _upstreams[0].StopAsync(); // construction
        await ErrorAsync(await Send(path), HttpStatusCode.BadGateway, media);
    }

    [Fact]
    public async Task TheApiRateLimit_Answers429AsProblemDetails_AndTheWebIsNotLimited()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Send("/api/v1/clientes")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Count.ShouldBeGreaterThan(0, "400 requests at once pass a burst of 100 at 50/s");
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(100);
        await ErrorAsync(limited[0], HttpStatusCode.TooManyRequests, "application/problem+json");
        (await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Send("/web/")))).ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
    }

    Task<HttpResponseMessage> Send(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "demo.localhost";
        return _client.SendAsync(request);
    }

    /// <summary>nginx's own error, answered as problem details on the API and as a pt-BR page elsewhere, never nginx's page.</summary>
    static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string media)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(media, body);
        body.ShouldNotContain("<center>nginx</center>");
        if (media == "application/problem+json")
            System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        else
        {
            body.ShouldContain("lang=\"pt-BR\"");
            body.ShouldContain($"Código {(int)status}</p>", customMessage: "the page is rendered for this status");
            body.ShouldNotContain("<!--#");
        }
    }

    async Task<string> Get(string host, string path, string? spoofedSlug)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (spoofedSlug is not null) request.Headers.Add("X-Tenant-Slug", spoofedSlug);
        var response = await _client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    async Task<int> Echo(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(http => http.Response.WriteAsync($"{name}|{http.Request.Headers["X-Tenant-Slug"]}|{http.Request.Path}"));
        await app.StartAsync();
        _upstreams.Add(app);
        return new Uri(app.Urls.Single()).Port;
    }

    static HttpClient Client(int port) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync("127.0.0.1", port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

}
