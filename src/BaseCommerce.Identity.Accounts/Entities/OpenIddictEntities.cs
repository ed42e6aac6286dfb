using BaseCommerce.Tenancy.Data;
using OpenIddict.EntityFrameworkCore.Models;

namespace BaseCommerce.Identity.Accounts.Entities;

// OpenIddict's entities, each owned by a store: the query filter and row-level security keep one store's clients,
// grants and tokens out of another's, and a client id is unique within its store only.

/// <summary>An OAuth client of a store (<c>identity.oidc_applications</c>).</summary>
public sealed class StoreApplication : OpenIddictEntityFrameworkCoreApplication<Guid, StoreAuthorization, StoreToken>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

/// <summary>
/// What a person allowed a client (<c>identity.oidc_authorizations</c>): a permanent one is their consent; an ad-hoc one
/// is one sign-in's grant, the family its refresh tokens belong to, bound to the staff session it came from.
/// </summary>
public sealed class StoreAuthorization : OpenIddictEntityFrameworkCoreAuthorization<Guid, StoreApplication, StoreToken>, ITenantOwned
{
    public Guid TenantId { get; set; }

    /// <summary>The staff session the grant came from: signing out revokes it and its tokens.</summary>
    public Guid? SessionId { get; set; }
}

/// <summary>A code, refresh or access token OpenIddict issued (<c>identity.oidc_tokens</c>); opaque ones are kept as hashes.</summary>
public sealed class StoreToken : OpenIddictEntityFrameworkCoreToken<Guid, StoreApplication, StoreAuthorization>, ITenantOwned
{
    public Guid TenantId { get; set; }
}

/// <summary>A scope's description (platform data; the server validates scopes against its registered list).</summary>
public sealed class StoreScope : OpenIddictEntityFrameworkCoreScope<Guid>;
