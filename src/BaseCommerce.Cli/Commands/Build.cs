using BaseCommerce.Cli.Infra;

namespace BaseCommerce.Cli.Commands;

internal static class Build
{
    /// <summary>Builds the platform's services in Release (incrementally; a no-op when nothing changed).</summary>
    public static async Task ServicesAsync(Repo repo)
    {
        var result = await Shell.RunAsync("dotnet", ["build", Path.Combine(repo.Root, "BaseCommerce.Platform.slnf"), "-c", "Release", "--nologo", "-v", "q", "-clp:ErrorsOnly"],
            TimeSpan.FromMinutes(15), workingDirectory: repo.Root);
        if (!result.Ok)
            throw new CliException($"The build failed:\n{Shell.Tail(result.Output, 30)}");
    }

    /// <summary>Builds one project of <c>tests/</c> (a benchmark) in Release into <paramref name="output"/>.</summary>
    public static async Task TestProjectAsync(Repo repo, string project, string output)
    {
        var csproj = Path.Combine(repo.Root, "tests", project, project + ".csproj");
        var result = await Shell.RunAsync("dotnet", ["build", csproj, "-c", "Release", "-o", output, "--nologo", "-v", "q", "-clp:ErrorsOnly"],
            TimeSpan.FromMinutes(10), workingDirectory: repo.Root);
        if (!result.Ok)
            throw new CliException($"Building {project} failed:\n{Shell.Tail(result.Output, 30)}");
    }
}
