using BaseCommerce.Testing;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BaseCommerce.Benchmarks;

/// <summary>
/// Baseline (d): MassTransit's RabbitMQ transport on Debian's rabbitmq-server. MassTransit.RabbitMQ restores here only
/// at 8.4.0, which cannot share a process with our MassTransit 8.5.12, so its benchmark is a separate program
/// (tests/BaseCommerce.Benchmarks.RabbitMq, path in BASEC_BENCH_RABBITMQ) run against a private broker started here,
/// with its data in a temporary folder, and stopped afterwards.
/// </summary>
public static class RabbitMqRun
{
    const string Server = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    /// <summary>The result, or null with the reason printed when the baseline cannot run on this machine.</summary>
    public static async Task<BusFigures?> TryRunAsync(int messages, IReadOnlyList<int> pacedRates, TimeSpan pacedFor)
    {
        var program = Environment.GetEnvironmentVariable("BASEC_BENCH_RABBITMQ");
        if (!File.Exists(Server) || program is null || !File.Exists(program))
        {
            Console.WriteLine(!File.Exists(Server)
                ? "  (d) RabbitMQ skipped: rabbitmq-server is not installed (./basec bench installs it with apt when it can)"
                : "  (d) RabbitMQ skipped: run through ./basec bench, which builds its benchmark program");
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("basec-rabbitmq-").FullName;
        var port = LoopbackPorts.Free();
        using var broker = StartBroker(dir, port);
        try
        {
            await WaitForPort(port, broker, TimeSpan.FromSeconds(90));
            var run = Process.Start(new ProcessStartInfo("dotnet", [program, "--port", port.ToString(), "--messages", messages.ToString(),
                "--rates", string.Join(',', pacedRates), "--seconds", pacedFor.TotalSeconds.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            const string name = "(d) MassTransit RabbitMQ 8.4.0 (own process)";
            Result? result = null;
            var paced = new List<PacedResult>();
            while (await run.StandardOutput.ReadLineAsync() is { } line)
            {
                var values = line.Split(' ').Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                if (line.StartsWith("RESULT ", StringComparison.Ordinal))
                    result = new Result(name, values[0], values[1], values[2], values[3]);
                else if (line.StartsWith("PACED ", StringComparison.Ordinal))
                    paced.Add(new PacedResult(name, (int)values[0], values[1], values[2], values[3], values[4], values[5] > 0));
            }
            await run.WaitForExitAsync();
            if (result is null)
                Console.WriteLine($"  (d) RabbitMQ failed: its benchmark exited with {run.ExitCode} and no result");
            return result is null ? null : new BusFigures(result, paced);
        }
        finally
        {
            broker.Kill(entireProcessTree: true);
            await broker.WaitForExitAsync();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    static Process StartBroker(string dir, int port)
    {
        File.WriteAllText(Path.Combine(dir, "enabled_plugins"), "[].");
        var start = new ProcessStartInfo(Server)
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Everything of this broker lives in 'dir', under a node name of its own: the machine's RabbitMQ, if any, is untouched.
        var env = new Dictionary<string, string>
        {
            ["HOME"] = dir,
            ["RABBITMQ_NODENAME"] = $"basec-bench-{Environment.ProcessId}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = LoopbackPorts.Free().ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(dir, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(dir, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(dir, "enabled_plugins"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(dir, "plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(dir, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(dir, "advanced.config"),
        };
        foreach (var (key, value) in env) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    static async Task WaitForPort(int port, Process broker, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (broker.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with {broker.ExitCode} before accepting connections");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(250);
            }
        }
        throw new TimeoutException($"rabbitmq-server did not accept connections on port {port} within {timeout}");
    }
}
