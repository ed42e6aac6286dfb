using System.Diagnostics;
using System.Threading.Channels;
using BaseCommerce.Messaging.TestShop;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Tests.Outbox;

/// <summary>The test shop as a real child process (crash points on), which a test can kill with SIGKILL.</summary>
public sealed class ChildShop : IDisposable
{
    readonly Process _process;
    readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    readonly List<string> _errors = [];

    ChildShop(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Writer.TryWrite(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<ChildShop> StartAsync(string appConnection, string prefix)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, typeof(ShopHost).Assembly.GetName().Name + ".dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SHOP_DB"] = appConnection;
        start.Environment["SHOP_PREFIX"] = prefix;
        start.Environment["SHOP_CRASH_POINTS"] = "1";
        var child = new ChildShop(Process.Start(start)!);
        await child.WaitForLine("ready", TimeSpan.FromSeconds(30));
        return child;
    }

    public async Task WaitForLine(string expected, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.ReadAsync(cancel.Token) != expected) { }
        }
        catch (OperationCanceledException)
        {
            lock (_errors)
                throw new TimeoutException($"the child shop did not print '{expected}' in time; exited: {_process.HasExited}; stderr: "
                    + string.Join("\n", _errors.TakeLast(20)));
        }
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
