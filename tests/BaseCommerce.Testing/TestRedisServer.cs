using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BaseCommerce.Testing;

/// <summary>
/// A private redis-server (AOF everysec, as in production) that a test may stop and start again without disturbing
/// the Redis the rest of the suite shares.
/// </summary>
public sealed class TestRedisServer : IAsyncDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("basec-redis-").FullName;
    Process? _process;

    public int Port { get; } = LoopbackPorts.Free();
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<TestRedisServer> StartAsync()
    {
        var server = new TestRedisServer();
        await server.StartAgainAsync();
        return server;
    }

    public async Task StartAgainAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _dir, "--appendonly", "yes", "--appendfsync", "everysec",
             "--save", "", "--maxmemory-policy", "noeviction"])
        { RedirectStandardOutput = true, UseShellExecute = false })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (await AcceptsConnections())
                return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException("redis-server did not start on port " + Port);
    }

    /// <summary>Stops the server the way an operator or a deploy does (SIGTERM: the AOF is flushed).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
            return;
        Process.Start("kill", ["-TERM", _process.Id.ToString()])!.WaitForExit();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    async Task<bool> AcceptsConnections()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
