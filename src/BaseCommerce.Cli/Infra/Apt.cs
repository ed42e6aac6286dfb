namespace BaseCommerce.Cli.Infra;

/// <summary>Installs Debian packages the platform needs when they are missing (root, or passwordless sudo).</summary>
internal static class Apt
{
    static bool _updated;

    public static async Task InstallAsync(params string[] packages)
    {
        if (!Shell.Exists("apt-get"))
            throw new CliException($"{string.Join(", ", packages)} not installed and apt-get is unavailable: install them with your package manager.");
        var (file, prefix) = Shell.IsRoot ? ("apt-get", Array.Empty<string>()) : ("sudo", new[] { "-n", "apt-get" });
        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        if (!_updated)
        {
            var update = await Shell.RunAsync(file, [.. prefix, "update", "-qq"], TimeSpan.FromMinutes(5), env);
            if (!update.Ok)
                throw new CliException($"apt-get update failed, so {string.Join(", ", packages)} cannot be installed:\n{Shell.Tail(update.Output)}");
            _updated = true;
        }
        var install = await Shell.RunAsync(file,
            [.. prefix, "install", "-y", "-qq", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", .. packages],
            TimeSpan.FromMinutes(10), env);
        if (!install.Ok)
            throw new CliException($"apt-get install {string.Join(' ', packages)} failed:\n{Shell.Tail(install.Output)}");
    }
}
