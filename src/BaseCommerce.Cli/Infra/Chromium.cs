namespace BaseCommerce.Cli.Infra;

/// <summary>Debian's Chromium and its ChromeDriver, which the browser tests drive (no browser download).</summary>
internal static class Chromium
{
    public static async Task EnsureInstalledAsync()
    {
        if (!File.Exists("/usr/bin/chromium") || !File.Exists("/usr/bin/chromedriver"))
            await Apt.InstallAsync("chromium", "chromium-driver");
    }
}
