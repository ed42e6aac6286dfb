using System.Reflection;

namespace BaseCommerce.Migrations;

/// <summary>The migrations a service owns: its PostgreSQL schema and its versioned SQL scripts.</summary>
public sealed record ServiceMigrations(string Schema, IReadOnlyList<MigrationScript> Scripts, string Origin)
{
    /// <summary>Scripts kept as files, e.g. <c>src/BaseCommerce.Identity/Migrations</c> in the repository.</summary>
    public static ServiceMigrations FromFolder(string schema, string folder) =>
        new(schema, MigrationScript.LoadFolder(folder), folder);

    /// <summary>The scripts a service's build output carries (<c>Migrations/*.sql</c> copied next to its binaries).</summary>
    public static ServiceMigrations FromOutput(string schema) =>
        FromFolder(schema, Path.Combine(AppContext.BaseDirectory, "Migrations"));

    /// <summary>
    /// Shared database objects every service's migrations build on (the tenant-isolation helpers).
    /// Always applied first.
    /// </summary>
    public static ServiceMigrations Platform { get; } = new("platform", LoadEmbedded("Platform"), "BaseCommerce.Migrations/Platform");

    /// <summary>The schema every service's outbox and inbox live in; applied right after <see cref="Platform"/>.</summary>
    public static ServiceMigrations Messaging { get; } = new("messaging", LoadEmbedded("Messaging"), "BaseCommerce.Migrations/Messaging");

    /// <summary>The shared schemas, in the order every migration run applies them before any service's own.</summary>
    public static IReadOnlyList<ServiceMigrations> Shared { get; } = [Platform, Messaging];

    static IReadOnlyList<MigrationScript> LoadEmbedded(string folder)
    {
        var assembly = typeof(ServiceMigrations).Assembly;
        var prefix = $"BaseCommerce.Migrations.{folder}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => MigrationScript.Parse(n[prefix.Length..], Read(assembly, n)))
            .OrderBy(s => s.Version)
            .ToList();
    }

    static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
