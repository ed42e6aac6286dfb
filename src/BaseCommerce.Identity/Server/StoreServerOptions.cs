using System.Collections.Concurrent;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Keys;
using BaseCommerce.Tenancy;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace BaseCommerce.Identity.Server;

/// <summary>
/// One OpenIddict server per store in one process: OpenIddict reads its options per request through this monitor, which
/// builds each store's once (its issuer, the key ring's credentials) through the regular options factory, so OpenIddict's
/// own post-configuration and validation run, and keeps them until the key ring changes. The store is resolved before
/// authentication (OpenIddict handles its endpoints there): see <see cref="StoreFirstMiddleware"/>.
/// </summary>
public sealed class StoreServerOptionsMonitor(IOptionsFactory<OpenIddictServerOptions> factory, IHttpContextAccessor http, SigningKeyRing ring)
    : IOptionsMonitor<OpenIddictServerOptions>
{
    readonly ConcurrentDictionary<(string Slug, string Keys), OpenIddictServerOptions> _stores = new();
    string _keys = "";

    public OpenIddictServerOptions CurrentValue => Get(Options.DefaultName);

    public OpenIddictServerOptions Get(string? name)
    {
        var slug = http.HttpContext?.RequestServices.GetService<TenantContext>()?.Tenant?.Slug ?? "";
        var keys = ring.Current.Version;
        if (keys != _keys)
        {
            // A rotation: every store's options are built again with the new signing key first.
            _stores.Clear();
            _keys = keys;
        }
        return _stores.GetOrAdd((slug, keys), _ => factory.Create(name ?? Options.DefaultName));
    }

    public IDisposable? OnChange(Action<OpenIddictServerOptions, string?> listener) => null;
}

/// <summary>What differs per store: the issuer; and the key ring's credentials, the signing key first.</summary>
public sealed class StoreServerOptionsSetup(IHttpContextAccessor http, SigningKeyRing ring, IOptions<AuthOptions> auth, TimeProvider clock)
    : IConfigureNamedOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIddictServerOptions options)
    {
        var store = http.HttpContext?.RequestServices.GetService<TenantContext>()?.Tenant;
        // Without a store (the JWKS that services fetch from inside the platform) there is no issuer to speak for.
        if (store is not null)
            options.Issuer = new Uri(auth.Value.IssuerFor(store.Slug));
        var keys = ring.Current;
        options.SigningCredentials.AddRange(keys.SigningCredentials(clock.GetUtcNow()));
        if (keys.EncryptionCredentials is { } encryption)
            options.EncryptionCredentials.Add(encryption);
    }
}
