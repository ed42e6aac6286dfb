using BaseCommerce.Cli.Infra;
using BaseCommerce.Cli.Platform;

namespace BaseCommerce.Cli.Commands;

/// <summary><c>basec logs &lt;service&gt; [-n N] [-f]</c>: a service's log (JSON lines), or postgres/redis/nginx's.</summary>
internal static class LogsCommand
{
    public static async Task<int> RunAsync(Repo repo, LocalSettings settings, string name, int lines, bool follow, CancellationToken ct)
    {
        var file = name switch
        {
            "postgres" => new PostgresServer(repo, settings).LogFile,
            "redis" => new RedisServer(repo, settings).LogFile,
            "nginx" => NginxServer.ForPlatform(repo).ErrorLog,
            _ => new ServiceProcess(repo, settings, PlatformService.Get(name)).LogFile,
        };
        if (!File.Exists(file))
            throw new CliException($"No log yet for {name} ({file}): has it been started with 'basec up'?");

        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var tail = new Queue<string>();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            tail.Enqueue(line);
            if (tail.Count > lines) tail.Dequeue();
        }
        foreach (var line in tail) Console.WriteLine(line);

        while (follow && !ct.IsCancellationRequested)
        {
            if (await reader.ReadLineAsync(ct) is { } line)
                Console.WriteLine(line);
            else
                await Task.Delay(200, ct).ContinueWith(_ => { }, CancellationToken.None);
        }
        return 0;
    }
}
