using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.SignIn;

/// <summary>The current store's name, logo and colours, for the sign-in pages.</summary>
public sealed class StoreBranding(IdentityDb db, TenantContext tenant)
{
    Store? _store;

    public async Task<Store> GetAsync(CancellationToken ct = default) =>
        _store ??= await db.Stores.AsNoTracking().SingleAsync(s => s.Id == tenant.TenantId, ct);
}
