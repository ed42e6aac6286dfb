using BaseCommerce.Cli.Infra;

namespace BaseCommerce.Cli.Platform;

/// <summary>Starts, watches and stops one platform service as a background process with its log under <c>.basec/logs</c>.</summary>
internal sealed class ServiceProcess(Repo repo, LocalSettings settings, PlatformService service)
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public PlatformService Service => service;
    public string LogFile => repo.LogFile(service.Name);
    string PidFile => repo.PidFile(service.Name);

    public int? Pid => Processes.Alive(PidFile, service.Project + ".dll");

    public void Start()
    {
        var dll = service.Assembly(repo);
        if (!File.Exists(dll))
            throw new CliException($"{dll} is missing: the build did not produce {service.Project}.");
        if (Ports.InUse(service.Port))
            throw Ports.Taken(service.Port, service.Name);

        File.AppendAllText(LogFile, $"--- basec up {DateTime.UtcNow:O}\n");
        // setsid detaches the service from this terminal; the shell records the pid, then becomes dotnet (exec).
        var script = $"echo $$ > '{PidFile}'; exec dotnet '{dll}' --urls 'http://127.0.0.1:{service.Port}' >> '{LogFile}' 2>&1 < /dev/null";
        // The content root (appsettings.json) is the working directory: the service's own output folder.
        var psi = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var a in new[] { "-f", "sh", "-c", script }) psi.ArgumentList.Add(a);
        foreach (var (key, value) in Environment(settings, service)) psi.Environment[key] = value;
        using var launcher = System.Diagnostics.Process.Start(psi)!;
        launcher.WaitForExit();
    }

    /// <summary>The environment a service gets: the same variable names it reads in every environment.</summary>
    public static Dictionary<string, string> Environment(LocalSettings settings, PlatformService service) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Postgres"] = settings.AppConnection(service.Name),
        ["ConnectionStrings__PostgresOwner"] = settings.OwnerConnection,
        ["ConnectionStrings__Redis"] = settings.RedisConfiguration,
        ["Migrations__ApplyOnStart"] = "true",
        // Each store is its own issuer, on its subdomain through nginx; services fetch the keys from Identity directly.
        ["Auth__IssuerTemplate"] = $"http://{{slug}}.localhost:{settings.HttpPort}/auth",
        ["Auth__Authority"] = $"http://127.0.0.1:{PlatformService.Get("identity").Port}/auth",
    };

    /// <summary>Waits for <c>/health/ready</c> to answer 200; fails early when the process dies.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < timeout)
        {
            if (await HealthAsync() is { Ok: true })
                return;
            // The pid file appears a moment after launch; past that, no process means it died.
            if (Pid is null && DateTime.UtcNow - started > TimeSpan.FromSeconds(2))
                throw new CliException($"{service.Name} exited during start-up (log: {LogFile}):\n{Shell.Tail(ReadLog())}");
            await Task.Delay(250);
        }
        throw new CliException($"{service.Name} did not become healthy within {timeout.TotalSeconds:0} s (log: {LogFile}):\n{Shell.Tail(ReadLog())}");
    }

    public async Task<(bool Ok, string Body)?> HealthAsync()
    {
        try
        {
            using var response = await Http.GetAsync(service.HealthUrl);
            return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task StopAsync()
    {
        if (Pid is { } pid)
            await Processes.StopAsync(pid, TimeSpan.FromSeconds(25));
        File.Delete(PidFile);
    }

    string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
}
