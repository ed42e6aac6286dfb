using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>
/// OpenIddict's application manager, also accepting the secrets of clients registered before the move to OpenIddict:
/// those were kept as SHA-256 (migration 0007 stores them as <c>sha256:{hex}</c>). A client that authenticates with one
/// gets it re-hashed the OpenIddict way at once, so the old form disappears as clients are used.
/// </summary>
public sealed class StoreApplicationManager(IOpenIddictApplicationCache<StoreApplication> cache, ILogger<OpenIddictApplicationManager<StoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictApplicationStore<StoreApplication> store)
    : OpenIddictApplicationManager<StoreApplication>(cache, logger, options, store)
{
    public const string LegacyPrefix = "sha256:";

    public override async ValueTask<bool> ValidateClientSecretAsync(StoreApplication application, string secret, CancellationToken cancellationToken = default)
    {
        var legacy = application.ClientSecret?.StartsWith(LegacyPrefix, StringComparison.Ordinal) == true;
        if (!await base.ValidateClientSecretAsync(application, secret, cancellationToken))
            return false;
        if (legacy)
        {
            await Store.SetClientSecretAsync(application, await ObfuscateClientSecretAsync(secret, cancellationToken), cancellationToken);
            await Store.UpdateAsync(application, cancellationToken);
        }
        return true;
    }

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default)
    {
        if (!comparand.StartsWith(LegacyPrefix, StringComparison.Ordinal))
            return base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        return ValueTask.FromResult(Secrets.Matches(Convert.FromHexString(comparand[LegacyPrefix.Length..]), secret));
    }
}
