namespace BaseCommerce.ArchitectureTests.Projects;

/// <summary>Sorts a project into its layer by its name alone; anything unrecognised is Platform.</summary>
public static class ProjectClassifier
{
    public const string ContractsName = "BaseCommerce.Contracts";
    public const string EnginePrefix = "BaseCommerce.Engines.";
    public const string VerticalPrefix = "BaseCommerce.Verticals.";

    public static readonly IReadOnlySet<string> HostNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "BaseCommerce.Identity",
        "BaseCommerce.Ops",
        "BaseCommerce.Cli",
    };

    public static ProjectKind Classify(string projectName)
    {
        if (projectName == ContractsName) return ProjectKind.Contracts;
        if (projectName.StartsWith(EnginePrefix, StringComparison.Ordinal)) return ProjectKind.Engine;
        if (projectName.StartsWith(VerticalPrefix, StringComparison.Ordinal)) return ProjectKind.Vertical;
        if (HostNames.Contains(projectName)) return ProjectKind.Host;
        return ProjectKind.Platform;
    }
}
