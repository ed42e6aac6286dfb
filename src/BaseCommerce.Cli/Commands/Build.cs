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
}
