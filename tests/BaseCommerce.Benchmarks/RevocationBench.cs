using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using BaseCommerce.Authentication;
using BaseCommerce.Authentication.Revocation;
using BaseCommerce.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;

namespace BaseCommerce.Benchmarks;

/// <summary>
/// What refusing revoked access tokens costs a service: one host validating the same tokens through two bearer schemes
/// that differ only in the revocation check (ours, <see cref="AuthSchemes.Bearer"/>, and a copy of its options without
/// it), with 11,000 revocations in force, read from Redis by the host's own feed. Rounds alternate between the two so the
/// machine's noise falls on both.
/// </summary>
static class RevocationBench
{
    const string NoCheck = "BearerWithoutRevocationCheck";
    const int Workers = 32;
    static readonly TimeSpan Round = TimeSpan.FromSeconds(2);

    public static async Task<IReadOnlyList<Result>> RunAsync(int rounds)
    {
        var port = LoopbackPorts.Free();
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "bench-key" };
        var jwks = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId }) } });

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration["Auth:Authority"] = $"http://127.0.0.1:{port}/auth";
        builder.Configuration["Auth:IssuerTemplate"] = "http://{slug}.bench.localhost/auth";
        builder.Configuration["Auth:RevocationStream"] = $"bc:bench:revocations:{Guid.NewGuid():N}";
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(TestSettings.Redis));
        builder.Services.AddSingleton(Npgsql.NpgsqlDataSource.Create(TestSettings.AdminConnection));
        builder.AddBaseCommerceAuthentication();
        builder.Services.AddAuthentication().AddJwtBearer(NoCheck);
        // No default scheme: each endpoint's policy validates the token once, with its own scheme (with the services'
        // default, the policy scheme, /without would validate twice).
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o => (o.DefaultScheme, o.DefaultAuthenticateScheme) = (null, null));
        builder.Services.AddOptions<JwtBearerOptions>(NoCheck).Configure<IOptions<AuthOptions>, JwksCache>((o, auth, keys) =>
        {
            AuthenticationRegistration.ConfigureBearer(o, auth, keys);
            o.Events.OnTokenValidated = _ => Task.CompletedTask;
        });
        await using var app = builder.Build();
        // Each endpoint's policy authenticates its own scheme; the default one (the session cookie) stays out of the measure.
        app.UseAuthorization();
        app.MapGet("/auth/.well-known/jwks.json", () => Results.Text(jwks, "application/json"));
        app.MapGet("/with", (HttpContext h) => h.User.FindFirst("sub")!.Value).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = AuthSchemes.Bearer });
        app.MapGet("/without", (HttpContext h) => h.User.FindFirst("sub")!.Value).RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = NoCheck });
        await app.StartAsync();

        // Revocations in force, as after a busy hour: 10,000 people or sessions and 1,000 single tokens, of this store.
        var tenant = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var stream = app.Services.GetRequiredService<RevocationStream>();
        var revocations = Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? AccessRevocation.Subject(tenant, Guid.NewGuid().ToString(), now)
                : AccessRevocation.Session(tenant, Guid.NewGuid(), now))
            .Concat(Enumerable.Range(0, 1_000).Select(_ => AccessRevocation.Token(tenant, Guid.NewGuid().ToString("N"), now.AddMinutes(15)))).ToList();
        foreach (var chunk in revocations.Chunk(500))
            await stream.PublishAsync(chunk);
        var revoked = app.Services.GetRequiredService<RevokedAccess>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (revoked.Count < revocations.Count)
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"the feed read {revoked.Count} of {revocations.Count} revocations");
            await Task.Delay(100);
        }

        var options = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var handler = new JsonWebTokenHandler();
        string Token(string subject, Guid session) => handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.IssuerFor("bench"),
            Audience = options.Audience,
            TokenType = AuthenticationRegistration.AccessTokenType,
            IssuedAt = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.AddMinutes(15),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject, ["jti"] = Guid.NewGuid().ToString("N"), ["client_id"] = "bench-web", ["sid"] = session.ToString(),
                ["scope"] = "openid api", ["tenant_id"] = tenant.ToString(), ["tenant_slug"] = "bench",
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var tokens = Enumerable.Range(0, 100).Select(_ => Token(Guid.NewGuid().ToString(), Guid.NewGuid())).ToArray();

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // The check is on: a revoked person's token passes without it and is refused with it.
        var revokedToken = Token(revocations[0].Key, Guid.NewGuid());
        (await GetAsync(client, "/without", revokedToken)).ShouldBeStatus(HttpStatusCode.OK);
        (await GetAsync(client, "/with", revokedToken)).ShouldBeStatus(HttpStatusCode.Unauthorized);

        await MeasureAsync(client, "/with", tokens, Round);      // warm-up: JIT, connections, key fetch
        await MeasureAsync(client, "/without", tokens, Round);
        var with = new List<double>();
        var without = new List<double>();
        var seconds = (With: 0.0, Without: 0.0);
        for (var i = 0; i < 2 * rounds; i++)
        {
            // ABBA: each side goes first in half the rounds.
            var checking = (i % 4) is 0 or 3;
            var run = await MeasureAsync(client, checking ? "/with" : "/without", tokens, Round);
            (checking ? with : without).AddRange(run.Latencies);
            if (checking) seconds.With += run.Seconds; else seconds.Without += run.Seconds;
        }
        await app.StopAsync();
        return
        [
            Summary($"with the revocation check ({revocations.Count:N0} in force)", with, seconds.With),
            Summary("without it (same host, same validation otherwise)", without, seconds.Without),
        ];
    }

    static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    static void ShouldBeStatus(this HttpStatusCode actual, HttpStatusCode expected)
    {
        if (actual != expected)
            throw new InvalidOperationException($"expected {expected}, got {actual}");
    }

    static async Task<(List<double> Latencies, double Seconds)> MeasureAsync(HttpClient client, string path, string[] tokens, TimeSpan duration)
    {
        var latencies = new List<double>[Workers];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async w =>
        {
            var mine = latencies[w] = [];
            for (var i = w; Stopwatch.GetElapsedTime(started) < duration; i += Workers)
            {
                var at = Stopwatch.GetTimestamp();
                (await GetAsync(client, path, tokens[i % tokens.Length])).ShouldBeStatus(HttpStatusCode.OK);
                mine.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
            }
        }));
        return ([.. latencies.SelectMany(l => l)], Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    static Result Summary(string name, List<double> latencies, double seconds)
    {
        latencies.Sort();
        double P(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return new Result(name, latencies.Count / seconds, P(0.50), P(0.99));
    }
}
