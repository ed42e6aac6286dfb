using BaseCommerce.Tenancy;
using Npgsql;

namespace BaseCommerce.Verticals.Construction.Web;

/// <summary>The current store's name and colours (from the tenant directory), for the layout.</summary>
public sealed class StoreBrand(NpgsqlDataSource dataSource, TenantContext tenant)
{
    public sealed record Brand(string Name, string? LogoUrl, string PrimaryColor, string SecondaryColor);

    Brand? _brand;

    public async Task<Brand> GetAsync()
    {
        if (_brand is not null)
            return _brand;
        await using var cmd = dataSource.CreateCommand("SELECT name, logo_url, primary_color, secondary_color FROM identity.tenants WHERE id = @id");
        cmd.Parameters.AddWithValue("id", tenant.TenantId);
        await using var reader = await cmd.ExecuteReaderAsync();
        return _brand = await reader.ReadAsync()
            ? new Brand(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : new Brand(tenant.Tenant!.Name, null, "#1f4e79", "#f2a900");
    }
}
