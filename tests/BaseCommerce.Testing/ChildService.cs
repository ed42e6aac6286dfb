using System.Diagnostics;

namespace BaseCommerce.Testing;

/// <summary>
/// A service host as a real child process (its build output next to the test's, run with <c>dotnet exec</c>), which a
/// test can kill with SIGKILL and a benchmark can measure (peak resident memory).
/// </summary>
public sealed class ChildService : IDisposable
{
    readonly Process _process;
    readonly List<string> _output = [];

    ChildService(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts <c>{assembly}.dll</c> from the caller's output on a database and bus, and waits until <paramref name="health"/>
    /// (readiness by default) answers.
    /// </summary>
    public static async Task<ChildService> StartAsync(string assembly, string appConnection, string redis, string prefix,
        IReadOnlyDictionary<string, string>? settings = null, string health = "/health/ready")
    {
        var dll = Path.Combine(AppContext.BaseDirectory, $"{assembly}.dll");
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet", ["exec", dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Postgres"] = appConnection;
        start.Environment["ConnectionStrings__Redis"] = redis;
        start.Environment["Messaging__KeyPrefix"] = prefix;
        start.Environment["Migrations__ApplyOnStart"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var child = new ChildService(Process.Start(start)!);
        // A request that hangs is retried, not waited on for HttpClient's default 100 s.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < until)
        {
            if (child._process.HasExited)
                break;
            try
            {
                if ((await http.GetAsync(health)).IsSuccessStatusCode)
                    return child;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        var log = child.Log();
        child.Dispose();
        throw new TimeoutException($"{assembly} did not become ready: {log}");
    }

    /// <summary>The process's peak resident set (VmHWM), in MiB.</summary>
    public double PeakRssMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }

    public string Log()
    {
        lock (_output)
            return string.Join("\n", _output.TakeLast(30));
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is released or acknowledged.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }
}
