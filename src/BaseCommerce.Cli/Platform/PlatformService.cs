namespace BaseCommerce.Cli.Platform;

/// <summary>One process of the platform: its project and port (the schema it owns is in <c>ServiceSchemas</c>).</summary>
internal sealed record PlatformService(string Name, string Project, int Port)
{
    public static readonly IReadOnlyList<PlatformService> All =
    [
        new("identity", "BaseCommerce.Identity", 8001),
        new("construction", "BaseCommerce.Verticals.Construction", 8000),
        new("ops", "BaseCommerce.Ops", 8002),
        new("stock", "BaseCommerce.Engines.Stock", 8101),
        new("sales", "BaseCommerce.Engines.Sales", 8102),
        new("pricing", "BaseCommerce.Engines.Pricing", 8103),
        new("delivery", "BaseCommerce.Engines.Delivery", 8104),
    ];

    public static PlatformService Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new CliException($"Unknown service '{name}'. Services: {string.Join(", ", All.Select(s => s.Name))}.");

    public string Assembly(Repo repo) => Path.Combine(repo.Root, "src", Project, "bin", "Release", "net10.0", Project + ".dll");

    public string HealthUrl => $"http://127.0.0.1:{Port}/health/ready";
}
