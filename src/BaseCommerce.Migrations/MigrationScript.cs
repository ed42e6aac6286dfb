using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace BaseCommerce.Migrations;

/// <summary>One versioned SQL file, e.g. <c>0002_tenants.sql</c>.</summary>
public sealed partial record MigrationScript(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(Sql))));

    /// <summary>Reads every <c>NNNN_name.sql</c> file of a folder, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new MigrationException($"Migration folder not found: {folder}");

        var scripts = Directory.EnumerateFiles(folder, "*.sql")
            .Select(path => Parse(Path.GetFileName(path), File.ReadAllText(path)))
            .ToList();

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new MigrationException($"Two migrations in {folder} share version {duplicate.Key}");
        return scripts.OrderBy(s => s.Version).ToList();
    }

    /// <summary>Builds a script from its file name (<c>NNNN_description.sql</c>) and content.</summary>
    public static MigrationScript Parse(string fileName, string sql)
    {
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
            throw new MigrationException($"Migration file '{fileName}' must be named NNNN_description.sql (lowercase)");
        return new MigrationScript(int.Parse(match.Groups[1].Value), match.Groups[2].Value, sql);
    }

    // Line endings must not change a checksum: a checkout on another OS is the same migration.
    static string Normalize(string sql) => sql.Replace("\r\n", "\n").Trim();

    [GeneratedRegex(@"^(\d{4})_([a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
