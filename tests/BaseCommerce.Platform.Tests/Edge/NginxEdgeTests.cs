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
