using System.Security.Cryptography;
using System.Text.Json;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace BaseCommerce.Identity.Keys;

/// <summary>
/// The RSA keys that sign every token, kept in <c>identity.signing_keys</c> (private halves protected with Data Protection).
/// One key signs at a time. Rotation retires it and creates the next; the retired key stays in the JWKS until the last
/// token it signed has expired, so rotation never invalidates a live token. Replicas share the ring through the database;
/// an advisory lock makes one of them rotate.
/// </summary>
public sealed class SigningKeyRing(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, TimeProvider clock,
    IOptions<IdentityServerOptions> options)
{
    /// <summary>How long a retired key stays published: the longest access token lifetime, plus clock skew.</summary>
    public static readonly TimeSpan RetiredKeyPublishedFor = TimeSpan.FromSeconds(3600 + 300);

    static readonly TimeSpan ReloadEvery = TimeSpan.FromSeconds(30);
    const long RotationLock = 0x42436b657973; // "BCkeys"

    readonly IDataProtector _protector = dataProtection.CreateProtector("BaseCommerce.Identity.SigningKeys");
    readonly SemaphoreSlim _gate = new(1, 1);
    IReadOnlyList<LoadedKey> _keys = [];
    DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public sealed record LoadedKey(SigningKey Row, RsaSecurityKey Key)
    {
        public bool Encrypts => Row.Algorithm == EncryptionAlgorithm;
        public bool Signs => !Encrypts && Row.RetiredAt is null;
    }

    /// <summary>
    /// The ring as last loaded, for what must be built synchronously (each store's OpenIddict options); its version
    /// changes whenever a key is added or retired.
    /// </summary>
    public sealed record Snapshot(IReadOnlyList<LoadedKey> Keys, string Version)
    {
        public static readonly Snapshot Empty = new([], "");

        /// <summary>The signing key first, then the retired ones still published (tokens they signed may be alive).</summary>
        public IEnumerable<SigningCredentials> SigningCredentials(DateTimeOffset now) =>
            Keys.Where(k => !k.Encrypts && (k.Row.ExpiresAt is null || k.Row.ExpiresAt > now)).OrderBy(k => k.Signs ? 0 : 1)
                .Select(k => new SigningCredentials(k.Key, SecurityAlgorithms.RsaSha256));

        public EncryptingCredentials? EncryptionCredentials =>
            Keys.FirstOrDefault(k => k.Encrypts) is { } key ? new EncryptingCredentials(key.Key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512) : null;
    }

    /// <summary>
    /// The algorithm of the ring's one encryption key: OpenIddict encrypts the payloads of the codes and refresh tokens it
    /// stores with it. It is never published and not rotated (a refresh token lives up to 30 days and must stay readable).
    /// </summary>
    public const string EncryptionAlgorithm = "RSA-OAEP";

    public Snapshot Current { get; private set; } = Snapshot.Empty;

    /// <summary>The credentials new tokens are signed with.</summary>
    public async Task<SigningCredentials> SigningCredentialsAsync(CancellationToken ct = default)
    {
        var current = (await KeysAsync(ct)).FirstOrDefault(k => k.Signs);
        if (current is null)
        {
            await EnsureCurrentAsync(ct);
            current = (await KeysAsync(ct, reload: true)).First(k => k.Signs);
        }
        return new SigningCredentials(current.Key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>
    /// Makes <see cref="Current"/> fresh (reloaded at most every 30 s), creating the keys a new platform does not have yet
    /// (its first request can come before the rotation service ran).
    /// </summary>
    public async Task RefreshAsync(CancellationToken ct = default)
    {
        var keys = await KeysAsync(ct);
        if (!keys.Any(k => k.Signs) || !keys.Any(k => k.Encrypts))
            await EnsureCurrentAsync(ct);
    }

    /// <summary>
    /// Creates a key when none signs, or when the signing one is older than the rotation period; and the encryption key
    /// when there is none.
    /// </summary>
    public async Task EnsureCurrentAsync(CancellationToken ct = default)
    {
        var keys = await KeysAsync(ct, reload: true);
        var current = keys.FirstOrDefault(k => k.Signs);
        if (current is null || clock.GetUtcNow() - current.Row.ActivatedAt > TimeSpan.FromDays(options.Value.KeyRotationDays))
            await RotateAsync(onlyIfStale: true, ct);
        if (!keys.Any(k => k.Encrypts))
            await CreateEncryptionKeyAsync(ct);
    }

    async Task CreateEncryptionKeyAsync(CancellationToken ct)
    {
        using (var scope = PlatformScope(out var db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", ct);
            if (await db.SigningKeys.AnyAsync(k => k.Algorithm == EncryptionAlgorithm, ct))
                return;
            db.SigningKeys.Add(NewKey(clock.GetUtcNow(), EncryptionAlgorithm));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await KeysAsync(ct, reload: true);
    }

    /// <summary>Retires the signing key (it stays published for <see cref="RetiredKeyPublishedFor"/>) and starts a new one.</summary>
    public Task RotateAsync(CancellationToken ct = default) => RotateAsync(onlyIfStale: false, ct);

    async Task RotateAsync(bool onlyIfStale, CancellationToken ct)
    {
        using (var scope = PlatformScope(out var db))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RotationLock})", ct);
            var now = clock.GetUtcNow();
            var signing = await db.SigningKeys.Where(k => k.RetiredAt == null && k.Algorithm != EncryptionAlgorithm).ToListAsync(ct);
            // Another replica may have rotated while this one waited for the lock.
            if (onlyIfStale && signing.Any(k => now - k.ActivatedAt <= TimeSpan.FromDays(options.Value.KeyRotationDays)))
                return;
            foreach (var key in signing)
            {
                key.RetiredAt = now;
                key.ExpiresAt = now + RetiredKeyPublishedFor;
            }
            db.SigningKeys.Add(NewKey(now, "RS256"));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await KeysAsync(ct, reload: true);
    }

    SigningKey NewKey(DateTimeOffset now, string algorithm)
    {
        using var rsa = RSA.Create(2048);
        var kid = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(12));
        var parameters = rsa.ExportParameters(false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = algorithm == EncryptionAlgorithm ? "enc" : "sig", ["alg"] = algorithm, ["kid"] = kid,
            ["n"] = WebEncoders.Base64UrlEncode(parameters.Modulus!), ["e"] = WebEncoders.Base64UrlEncode(parameters.Exponent!),
        };
        return new SigningKey
        {
            Kid = kid,
            Algorithm = algorithm,
            PrivateKeyProtected = _protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            PublicJwk = JsonSerializer.Serialize(jwk),
            ActivatedAt = now,
        };
    }

    async Task<IReadOnlyList<LoadedKey>> KeysAsync(CancellationToken ct, bool reload = false)
    {
        if (!reload && clock.GetUtcNow() - _loadedAt < ReloadEvery)
            return _keys;
        await _gate.WaitAsync(ct);
        try
        {
            if (!reload && clock.GetUtcNow() - _loadedAt < ReloadEvery)
                return _keys;
            using var scope = PlatformScope(out var db);
            var rows = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.ActivatedAt).ToListAsync(ct);
            // A key already loaded keeps its RSA object (only its row's dates can change); only new keys are decrypted.
            var loaded = _keys.ToDictionary(k => k.Row.Kid);
            _keys = rows.Select(row => loaded.TryGetValue(row.Kid, out var known) ? known with { Row = row } : Load(row)).ToList();
            _loadedAt = clock.GetUtcNow();
            Current = new Snapshot(_keys, string.Join(',', _keys.Select(k => $"{k.Row.Kid}:{k.Row.RetiredAt?.ToUnixTimeSeconds()}")));
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    LoadedKey Load(SigningKey row)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(_protector.Unprotect(row.PrivateKeyProtected)), out _);
        return new LoadedKey(row, new RsaSecurityKey(rsa) { KeyId = row.Kid });
    }

    IServiceScope PlatformScope(out IdentityDb db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().UsePlatform();
        db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        return scope;
    }
}
