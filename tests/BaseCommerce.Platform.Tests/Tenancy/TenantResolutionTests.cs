using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Tenancy;

/// <summary>The tenant of an HTTP request, over real Kestrel and the real tenant directory.</summary>
[Collection(PlatformDatabaseCollection.Name)]
public sealed class TenantResolutionTests(PlatformDatabase fixture) : IAsyncLifetime
{
    static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("test-only-signing-key-of-32-bytes!!"));
    readonly string _active = "ativa-" + Suffix(), _inactive = "inativa-" + Suffix(), _other = "outra-" + Suffix();
    Guid _activeId, _otherId;
    WebApplication _app = null!;
    HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _activeId = await fixture.Database.CreateTenantAsync(_active);
        _otherId = await fixture.Database.CreateTenantAsync(_other);
        await fixture.Database.CreateTenantAsync(_inactive, active: false);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(NpgsqlDataSource.Create(fixture.Database.AppConnection));
        builder.AddTenancy();
        builder.Services.AddAuthentication().AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = false, ValidateAudience = false, IssuerSigningKey = SigningKey,
            };
        });
        builder.Services.AddAuthorization();
        _app = builder.Build();
        _app.UseRouting();
        _app.UseAuthentication();
        _app.UseTenancy();
        _app.UseAuthorization();
        _app.MapGet("/whoami", (TenantContext t) => t.Tenant!.Slug);
        _app.MapGet("/platform", () => "ok").AllowWithoutTenant();
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task SlugHeader_ResolvesTheTenant()
    {
        var response = await Send("/whoami", slugHeader: _active);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe(_active);
    }

    [Fact]
    public async Task HostSubdomain_ResolvesTheTenant_WhenNoProxyHeader()
    {
        var response = await Send("/whoami", host: $"{_active}.localhost");
        (await response.Content.ReadAsStringAsync()).ShouldBe(_active);
    }

    [Fact]
    public async Task UnknownTenant_Is404ProblemDetails()
    {
        var response = await Send("/whoami", slugHeader: "nao-existe-" + Suffix());
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("status").GetInt32().ShouldBe(404);
        problem.GetProperty("detail").GetString()!.ShouldContain("não existe ou está inativa");
    }

    [Fact]
    public async Task InactiveTenant_Is404()
    {
        (await Send("/whoami", slugHeader: _inactive)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a")]
    [InlineData("DROP TABLE")]
    public async Task MalformedSlug_Is404_NeverAServerError(string slug)
    {
        (await Send("/whoami", slugHeader: slug)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NoTenantAtAll_Is400()
    {
        (await Send("/whoami", host: "localhost")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PlatformEndpoint_NeedsNoTenant()
    {
        (await Send("/platform", host: "localhost")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenOfTheSameTenant_IsServed()
    {
        (await Send("/whoami", slugHeader: _active, token: Token(_activeId))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TokenOfAnotherTenant_Is403()
    {
        var response = await Send("/whoami", slugHeader: _active, token: Token(_otherId));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TokenWithoutTenant_Is403()
    {
        (await Send("/whoami", slugHeader: _active, token: Token(null))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    async Task<HttpResponseMessage> Send(string path, string? slugHeader = null, string? host = null, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (slugHeader is not null) request.Headers.Add("X-Tenant-Slug", slugHeader);
        if (host is not null) request.Headers.Host = host;
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request);
    }

    static string Token(Guid? tenant)
    {
        var claims = new List<Claim> { new("sub", Guid.NewGuid().ToString()) };
        if (tenant is { } id) claims.Add(new Claim("tenant_id", id.ToString()));
        var jwt = new JwtSecurityToken(claims: claims, expires: DateTime.UtcNow.AddMinutes(5),
            signingCredentials: new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(jwt);
    }

    static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
