using System.Diagnostics;
using BaseCommerce.Testing;

namespace BaseCommerce.Construction.Tests;

/// <summary>An engine host as a real child process (its build output, run with <c>dotnet exec</c>), which a test can kill with SIGKILL.</summary>
public sealed class ChildEngine : IDisposable
{
    readonly Process _process;
    readonly List<string> _output = [];

    ChildEngine(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>BaseCommerce.Engines.{engine}.dll</c> from the test's output on the test's database and bus, and waits until it is ready.</summary>
    public static async Task<ChildEngine> StartAsync(string engine, ConstructionServer server)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, $"BaseCommerce.Engines.{engine}.dll");
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet", ["exec", dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Postgres"] = server.Database.AppConnection;
        start.Environment["ConnectionStrings__Redis"] = TestSettings.Redis;
        start.Environment["Messaging__KeyPrefix"] = server.Prefix;
        start.Environment["Migrations__ApplyOnStart"] = "false";
        var child = new ChildEngine(Process.Start(start)!);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var until = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < until)
        {
            if (child._process.HasExited)
                break;
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return child;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        var log = child.Log();
        child.Dispose();
        throw new TimeoutException($"The {engine} engine did not become ready: {log}");
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
