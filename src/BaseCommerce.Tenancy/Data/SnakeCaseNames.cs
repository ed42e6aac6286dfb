using System.Text;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Tenancy.Data;

/// <summary>
/// Maps every property without an explicit column name to its snake_case name (<c>NormalizedEmail</c> →
/// <c>normalized_email</c>), the naming our SQL migrations use. EFCore.NamingConventions does not restore here.
/// </summary>
public static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                if (property.FindAnnotation("Relational:ColumnName") is null)
                    property.SetColumnName(Convert(property.Name));
    }

    public static string Convert(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                builder.Append('_');
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
