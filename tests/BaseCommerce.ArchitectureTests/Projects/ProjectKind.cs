namespace BaseCommerce.ArchitectureTests.Projects;

/// <summary>The layer a project belongs to, decided by its name alone.</summary>
[Flags]
public enum ProjectKind
{
    Contracts = 1,
    Engine = 2,
    Vertical = 4,
    Host = 8,
    Platform = 16,
}
