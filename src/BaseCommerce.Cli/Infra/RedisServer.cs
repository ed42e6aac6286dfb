using System.Net.Sockets;
using System.Text;

namespace BaseCommerce.Cli.Infra;

/// <summary>
/// A local Redis (7+) with its data under <c>.basec/redis</c>. Streams are the event backbone, so the
/// server runs with AOF on (fsync every second) and <c>noeviction</c>: Redis must refuse writes rather
/// than silently drop stream entries when memory runs out.
/// </summary>
internal sealed class RedisServer(Repo repo, LocalSettings settings)
{
    string DataDir => Path.Combine(repo.State, "redis");
    string PidFile => repo.PidFile("redis");
    public string LogFile => repo.LogFile("redis");

    public Task<bool> IsRunningAsync() => PingAsync(settings.RedisPort);

    public async Task<bool> EnsureStartedAsync()
    {
        if (!Shell.Exists("redis-server"))
            await Apt.InstallAsync("redis-server");
        if (Processes.Alive(PidFile, "redis-server") is not null && await PingAsync(settings.RedisPort))
            return false;
        if (Ports.InUse(settings.RedisPort))
            throw Ports.Taken(settings.RedisPort, "Redis");

        Directory.CreateDirectory(DataDir);
        var start = await Shell.RunAsync("redis-server", [
            "--daemonize", "yes", "--bind", "127.0.0.1", "--port", settings.RedisPort.ToString(),
            "--dir", DataDir, "--pidfile", PidFile, "--logfile", LogFile,
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
            "--maxmemory-policy", "noeviction"]);
        if (!start.Ok)
            throw new CliException($"Redis did not start (log: {LogFile}):\n{Shell.Tail(start.Output)}");
        for (var i = 0; i < 100; i++)
        {
            if (await PingAsync(settings.RedisPort))
                return true;
            await Task.Delay(100);
        }
        throw new CliException($"Redis started but does not answer PING on port {settings.RedisPort} (log: {LogFile}).");
    }

    public async Task StopAsync()
    {
        if (Processes.Alive(PidFile, "redis-server") is { } pid)
            await Processes.StopAsync(pid, TimeSpan.FromSeconds(15));
    }

    /// <summary>A bare RESP PING, so the CLI needs no Redis client library.</summary>
    public static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync("127.0.0.1", port, cts.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cts.Token);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
