namespace BaseCommerce.Migrations;

/// <summary>
/// Which project owns which schema, in migration order (Identity first: it owns the tenant directory
/// every other service reads). The project's <c>Migrations/</c> folder holds that schema's SQL files.
/// </summary>
public static class ServiceSchemas
{
    public static readonly IReadOnlyList<(string Schema, string Project)> All =
    [
        ("identity", "BaseCommerce.Identity"),
        ("construction", "BaseCommerce.Verticals.Construction"),
        ("ops", "BaseCommerce.Ops"),
        ("stock", "BaseCommerce.Engines.Stock"),
        ("sales", "BaseCommerce.Engines.Sales"),
        ("pricing", "BaseCommerce.Engines.Pricing"),
        ("delivery", "BaseCommerce.Engines.Delivery"),
    ];

    /// <summary>Every migration of the platform, read from a repository checkout, shared schemas first.</summary>
    public static IReadOnlyList<ServiceMigrations> FromRepository(string repositoryRoot) =>
    [
        .. ServiceMigrations.Shared,
        .. All.Select(s => ServiceMigrations.FromFolder(s.Schema, Path.Combine(repositoryRoot, "src", s.Project, "Migrations"))),
    ];
}
