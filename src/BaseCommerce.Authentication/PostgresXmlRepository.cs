using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace BaseCommerce.Authentication;

/// <summary>
/// Data Protection's key ring in <c>platform.data_protection_keys</c>, shared by every service and replica, so a cookie
/// or antiforgery token made by one is readable by the others and survives restarts.
/// (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore and .StackExchangeRedis do not restore here.)
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = dataSource.CreateCommand("SELECT xml FROM platform.data_protection_keys ORDER BY id");
        using var reader = cmd.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = dataSource.CreateCommand("INSERT INTO platform.data_protection_keys (friendly_name, xml) VALUES (@n, @x)");
        cmd.Parameters.AddWithValue("n", friendlyName);
        cmd.Parameters.AddWithValue("x", element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
