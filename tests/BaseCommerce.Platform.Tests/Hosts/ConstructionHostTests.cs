using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Hosts;

/// <summary>A real service host (Construction) wired with the service defaults, on the real database and Redis.</summary>
[Collection(PlatformDatabaseCollection.Name)]
public sealed class ConstructionHostTests(PlatformDatabase fixture) : IAsyncLifetime
{
    readonly string _slug = "obra-" + Guid.NewGuid().ToString("N")[..8];
    Guid _tenantId;

    public async Task InitializeAsync() => _tenantId = await fixture.Database.CreateTenantAsync(_slug, "Depósito Teste");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ready_IsHealthy_WhenPostgresAndRedisAnswer()
    {
        using var host = Host(Testing.TestSettings.Redis);
        var response = await host.CreateClient().GetAsync("/health/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("service").GetString().ShouldBe("construction");
        body.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
        body.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString().ShouldBe("Healthy");
        body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_IsUnhealthy_AndLiveStaysUp_WhenRedisIsAway()
    {
        using var host = Host("127.0.0.1:1,connectTimeout=500");
        var client = host.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("Redis is not reachable");
        live.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TenantEndpoint_ResolvesTheStore_AndEchoesACorrelationId()
    {
        using var host = Host(Testing.TestSettings.Redis);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        request.Headers.Add("X-Tenant-Slug", _slug);
        request.Headers.Add("X-Correlation-Id", "pedido-123");

        var response = await host.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("id").GetGuid().ShouldBe(_tenantId);
        body.GetProperty("nome").GetString().ShouldBe("Depósito Teste");
        response.Headers.GetValues("X-Correlation-Id").ShouldBe(["pedido-123"]);
    }

    [Fact]
    public async Task LogsWrittenDuringARequest_CarryTheTenantAndTheCorrelationId()
    {
        var logs = new ScopeCapturingLoggerProvider();
        using var host = Host(Testing.TestSettings.Redis).WithWebHostBuilder(web =>
        {
            web.UseSetting("Logging:LogLevel:Default", "Debug");
            web.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
            web.ConfigureLogging(l => l.AddProvider(logs));
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        request.Headers.Add("X-Tenant-Slug", _slug);
        request.Headers.Add("X-Correlation-Id", "cotacao-42");

        (await host.CreateClient().SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);

        logs.Entries.ShouldContain(e =>
            e.ContainsKey("TenantId") && Equals(e["TenantId"], _tenantId) &&
            Equals(e["TenantSlug"], _slug) && Equals(e["CorrelationId"], "cotacao-42"));
    }

    [Fact]
    public async Task TenantEndpoint_ForAnUnknownStore_Is404ProblemDetails()
    {
        using var host = Host(Testing.TestSettings.Redis);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenant");
        request.Headers.Add("X-Tenant-Slug", "sem-loja-" + Guid.NewGuid().ToString("N")[..6]);

        var response = await host.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Metrics_ArePrometheusText()
    {
        using var host = Host(Testing.TestSettings.Redis);
        var client = host.CreateClient();
        await client.GetAsync("/health/live");

        var response = await client.GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsStringAsync()).ShouldContain("# TYPE ");
    }

    WebApplicationFactory<Program> Host(string redis) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("ConnectionStrings:Postgres", fixture.Database.AppConnection);
            web.UseSetting("ConnectionStrings:Redis", redis);
            web.UseSetting("Migrations:ApplyOnStart", "false");
        });
}
