using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BaseCommerce.Authentication;

/// <summary>
/// The Identity service's signing keys, fetched from its JWKS endpoint and kept for <see cref="AuthOptions.JwksCacheSeconds"/>.
/// A token signed with a key not yet seen (after a rotation) triggers a fetch before it is validated, at most once per
/// <see cref="AuthOptions.JwksMinRefreshSeconds"/>, so a rotation never fails a good token and forged <c>kid</c>s
/// cannot turn every request into a fetch.
/// </summary>
public sealed partial class JwksCache(IHttpClientFactory http, IOptions<AuthOptions> options, TimeProvider clock, ILogger<JwksCache> logger)
{
    public const string HttpClientName = "basecommerce-jwks";

    readonly SemaphoreSlim _gate = new(1, 1);
    volatile IReadOnlyDictionary<string, SecurityKey> _keys = new Dictionary<string, SecurityKey>();
    DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public SecurityKey? Find(string? kid) => kid is not null && _keys.TryGetValue(kid, out var key) ? key : null;

    public IEnumerable<SecurityKey> All => _keys.Values;

    /// <summary>Makes sure the keys are fresh and, when <paramref name="kid"/> is unknown, fetched since the last rate-limit window.</summary>
    public async Task EnsureAsync(string? kid, CancellationToken ct)
    {
        if (!NeedsFetch(kid))
            return;
        await _gate.WaitAsync(ct);
        try
        {
            // Another request may have fetched while this one waited.
            if (NeedsFetch(kid))
                await FetchAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    bool NeedsFetch(string? kid)
    {
        var age = clock.GetUtcNow() - _fetchedAt;
        return age > TimeSpan.FromSeconds(options.Value.JwksCacheSeconds) ||
               (kid is not null && Find(kid) is null && age > TimeSpan.FromSeconds(options.Value.JwksMinRefreshSeconds));
    }

    async Task FetchAsync(CancellationToken ct)
    {
        var url = options.Value.Authority.TrimEnd('/') + "/.well-known/jwks.json";
        try
        {
            var json = await http.CreateClient(HttpClientName).GetStringAsync(url, ct);
            _keys = new JsonWebKeySet(json).GetSigningKeys().Where(k => k.KeyId is not null).ToDictionary(k => k.KeyId!);
            _fetchedAt = clock.GetUtcNow();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or ArgumentException)
        {
            // Keep the keys we have: Identity being briefly away must not sign everybody out.
            LogFetchFailed(logger, url, e.Message);
            _fetchedAt = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.JwksCacheSeconds) + TimeSpan.FromSeconds(options.Value.JwksMinRefreshSeconds);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Could not fetch signing keys from {Url}: {Reason}")]
    static partial void LogFetchFailed(ILogger logger, string url, string reason);
}
