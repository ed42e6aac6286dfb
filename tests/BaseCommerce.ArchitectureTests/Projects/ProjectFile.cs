using System.Xml.Linq;

namespace BaseCommerce.ArchitectureTests.Projects;

/// <summary>What a *.csproj declares, read as XML (every item, whatever its Condition).</summary>
public sealed record ProjectFile(
    string Name,
    string RelativePath,
    ProjectKind Kind,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences,
    IReadOnlyList<string> FrameworkReferences)
{
    public static ProjectFile Load(string repoRoot, string csprojPath)
    {
        var document = XDocument.Load(csprojPath);
        var name = Path.GetFileNameWithoutExtension(csprojPath);
        return new ProjectFile(
            name,
            Path.GetRelativePath(repoRoot, csprojPath),
            ProjectClassifier.Classify(name),
            Includes(document, "ProjectReference").Select(ReferencedProjectName).ToList(),
            Includes(document, "PackageReference").ToList(),
            Includes(document, "FrameworkReference").ToList());
    }

    /// <summary>
    /// <c>..\BaseCommerce.ServiceDefaults\BaseCommerce.ServiceDefaults.csproj</c> → <c>BaseCommerce.ServiceDefaults</c>.
    /// Paths are written with backslashes, which are not separators on Linux, so both are normalised first.
    /// </summary>
    public static string ReferencedProjectName(string include) =>
        Path.GetFileNameWithoutExtension(include.Replace('\\', '/'));

    private static IEnumerable<string> Includes(XDocument document, string itemName) =>
        document.Descendants()
            .Where(e => e.Name.LocalName == itemName)
            .Select(e => (string?)e.Attribute("Include"))
            .Where(include => !string.IsNullOrWhiteSpace(include))
            .Select(include => include!.Trim());
}
