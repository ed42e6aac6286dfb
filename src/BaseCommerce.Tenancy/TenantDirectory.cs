using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace BaseCommerce.Tenancy;

/// <summary>
/// Looks tenants up by slug in <c>identity.tenants</c> (owned by the Identity service, readable by every service).
/// Lookups are platform work: the directory is not tenant-owned data. Results are cached briefly so that
/// resolving the tenant costs no database round trip on most requests, while a disabled store stops
/// being served within <see cref="CacheFor"/>.
/// </summary>
public sealed class TenantDirectory(NpgsqlDataSource dataSource, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public async Task<TenantInfo?> FindBySlugAsync(string slug, CancellationToken ct = default) =>
        TenantSlug.IsValid(slug) ? await Lookup("slug", slug, ct) : null;

    /// <summary>Looks a tenant up by id (a message's tenant header); cached like the slug lookup.</summary>
    public Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken ct = default) => Lookup("id", id, ct);

    /// <summary>Every active store, by slug, read now: for platform work that visits each store (sweeps, schedules).</summary>
    public async Task<IReadOnlyList<TenantInfo>> ListActiveAsync(CancellationToken ct = default)
    {
        var tenants = new List<TenantInfo>();
        await using var cmd = dataSource.CreateCommand("SELECT id, slug, name, active FROM identity.tenants WHERE active ORDER BY slug");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            tenants.Add(new TenantInfo(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3)));
        return tenants;
    }

    /// <summary>Looks a tenant up by id in the database now, past the cache: for rare work that must see a store just disabled.</summary>
    public Task<TenantInfo?> FindByIdUncachedAsync(Guid id, CancellationToken ct = default) => Read("id", id, ct);

    // column is one of two literals above, never user input.
    Task<TenantInfo?> Lookup(string column, object value, CancellationToken ct) =>
        cache.GetOrCreateAsync(("tenant-" + column, value), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await Read(column, value, ct);
        });

    async Task<TenantInfo?> Read(string column, object value, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT id, slug, name, active FROM identity.tenants WHERE {column} = @value");
        cmd.Parameters.AddWithValue("value", value);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new TenantInfo(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3))
            : null;
    }
}
