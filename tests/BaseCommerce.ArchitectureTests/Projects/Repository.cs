namespace BaseCommerce.ArchitectureTests.Projects;

/// <summary>The repository on disk: its root and the production projects under <c>src/</c> and <c>contracts/</c>.</summary>
public static class Repository
{
    private const string SolutionFile = "BaseCommerce.sln";
    private static readonly string[] ProductionFolders = ["src", "contracts"];

    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<ProjectFile>> LazyProjects = new(LoadProjects);

    public static string Root => LazyRoot.Value;

    /// <summary>Every project under src/ and contracts/ (tests are deliberately not included).</summary>
    public static IReadOnlyList<ProjectFile> ProductionProjects => LazyProjects.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            $"No {SolutionFile} found in {AppContext.BaseDirectory} or any folder above it.");
    }

    private static IReadOnlyList<ProjectFile> LoadProjects() =>
        ProductionFolders
            .Select(folder => Path.Combine(Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .Select(path => ProjectFile.Load(Root, path))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    private static bool IsBuildOutput(string path)
    {
        var segments = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return segments.Contains("bin") || segments.Contains("obj");
    }
}
