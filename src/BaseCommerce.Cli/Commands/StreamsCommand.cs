using BaseCommerce.Messaging.RedisStreams;
using Spectre.Console;
using StackExchange.Redis;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec streams</c>: every receive endpoint of the bus, with backlog, pending, live consumers, age, errors, skipped; and a
/// warning for each queue whose messages wait with no live consumer.
/// </summary>
internal static class StreamsCommand
{
    /// <summary>The key prefix the services' buses use (BaseCommerceMessagingOptions.KeyPrefix).</summary>
    public const string DefaultPrefix = "bc:mt:";

    public static async Task<int> RunAsync(LocalSettings settings, string prefix)
    {
        using var redis = await Connect(settings);
        var endpoints = await new RedisStreamsAdmin(redis, prefix).EndpointsAsync();
        if (endpoints.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]No receive endpoint has registered on this Redis yet.[/]");
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Endpoint", "Backlog", "Pending", "Consumers", "Oldest", "Delayed", "Errors", "Skipped");
        foreach (var e in endpoints.OrderBy(e => e.Queue, StringComparer.Ordinal))
            table.AddRow(Markup.Escape(e.Queue), e.Backlog.ToString(), e.Pending.ToString(), e.Consumers.ToString(),
                e.OldestAge is { } age ? Age(age) : "-", e.Delayed.ToString(),
                e.Errors > 0 ? $"[red]{e.Errors}[/]" : "0", e.Skipped > 0 ? $"[yellow]{e.Skipped}[/]" : "0");
        AnsiConsole.Write(table);
        // Waiting messages are kept for a consumer that comes back (an engine catches up from its backlog), so this is a
        // warning, not an error: a retired endpoint's queue, still subscribed, grows here.
        foreach (var e in endpoints.Where(e => e.Backlog > 0 && e.Consumers == 0).OrderBy(e => e.Queue, StringComparer.Ordinal))
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(e.Queue)}: {e.Backlog} waiting and no live consumer for a minute.[/]");
        return 0;
    }

    public static async Task<ConnectionMultiplexer> Connect(LocalSettings settings)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(settings.RedisConfiguration + ",connectTimeout=3000");
        }
        catch (RedisConnectionException)
        {
            throw new CliException($"Redis is not answering at {settings.RedisConfiguration} (is the platform up? ./basec up)");
        }
    }

    static string Age(TimeSpan age) => age.TotalSeconds < 60 ? $"{age.TotalSeconds:0.0}s"
        : age.TotalMinutes < 60 ? $"{age.TotalMinutes:0}m" : $"{age.TotalHours:0.0}h";
}
