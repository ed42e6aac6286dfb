namespace BaseCommerce.Cli.Infra;

/// <summary>
/// The local edge: nginx with <c>deploy/nginx/basecommerce.conf.template</c> rendered under
/// <c>.basec/nginx</c>, run with its own prefix (no system configuration or systemd involved).
/// </summary>
internal sealed class NginxServer(Repo repo, string prefix)
{
    public string ConfigFile => Path.Combine(prefix, "nginx.conf");
    string PidFile => Path.Combine(prefix, "nginx.pid");
    public string ErrorLog => Path.Combine(prefix, "error.log");

    public static NginxServer ForPlatform(Repo repo) => new(repo, Path.Combine(repo.State, "nginx"));

    public static async Task EnsureInstalledAsync()
    {
        if (!Shell.Exists("nginx"))
            await Apt.InstallAsync("nginx");
    }

    /// <summary>Renders the template for the given ports.</summary>
    public void Render(string listen, int constructionPort, int identityPort, int opsPort)
    {
        Directory.CreateDirectory(prefix);
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
            Directory.CreateDirectory(Path.Combine(prefix, temp));
        var template = File.ReadAllText(Path.Combine(repo.Root, "deploy", "nginx", "basecommerce.conf.template"));
        var config = template
            // As root, workers would otherwise run as 'nobody' and could not use the temp folders here.
            .Replace("{{USER_DIRECTIVE}}", Shell.IsRoot ? "user root;" : "")
            .Replace("{{PREFIX}}", prefix)
            .Replace("{{ERROR_PAGES}}", Path.Combine(repo.Root, "deploy", "nginx", "errors"))
            .Replace("{{LISTEN}}", listen)
            .Replace("{{CONSTRUCTION_PORT}}", constructionPort.ToString())
            .Replace("{{IDENTITY_PORT}}", identityPort.ToString())
            .Replace("{{OPS_PORT}}", opsPort.ToString());
        File.WriteAllText(ConfigFile, config);
    }

    public int? RunningPid => Processes.Alive(PidFile, "nginx");

    /// <summary>Starts nginx, or reloads it when it already runs. Returns true if this call started it.</summary>
    public async Task<bool> StartOrReloadAsync(int port)
    {
        var test = await Nginx("-t");
        if (!test.Ok)
            throw new CliException($"nginx rejects {ConfigFile}:\n{Shell.Tail(test.Output)}");
        if (RunningPid is not null)
        {
            var reload = await Nginx("-s", "reload");
            if (!reload.Ok)
                throw new CliException($"nginx reload failed:\n{Shell.Tail(reload.Output)}");
            return false;
        }
        if (Ports.InUse(port))
            throw Ports.Taken(port, "nginx");
        var start = await Nginx();
        if (!start.Ok)
            throw new CliException($"nginx did not start (log: {ErrorLog}):\n{Shell.Tail(start.Output)}");
        return true;
    }

    public async Task StopAsync()
    {
        if (RunningPid is { } pid)
            await Processes.StopAsync(pid, TimeSpan.FromSeconds(10));
    }

    Task<ShellResult> Nginx(params string[] args) =>
        Shell.RunAsync(Shell.Exists("nginx") && File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx",
            ["-c", ConfigFile, "-p", prefix, .. args], TimeSpan.FromSeconds(30));
}
