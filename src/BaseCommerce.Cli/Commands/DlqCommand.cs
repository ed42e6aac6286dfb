using BaseCommerce.Messaging.RedisStreams;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary>
/// <c>basec dlq list|show|replay|purge &lt;endpoint&gt;</c>: the endpoint's <c>_error</c> stream (or <c>_skipped</c> with
/// --skipped). Replay moves entries back to the endpoint's queue with their MessageId, so inboxes still recognise them.
/// </summary>
internal static class DlqCommand
{
    public static async Task<int> ListAsync(LocalSettings settings, string prefix, string endpoint, bool skipped, int count)
    {
        var admin = await Admin(settings, prefix, endpoint);
        var entries = await admin.ListAsync(endpoint, count, skipped);
        if (entries.Count == 0)
        {
            AnsiConsole.MarkupLineInterpolated($"[green]{endpoint}{Suffix(skipped)} is empty.[/]");
            return 0;
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Entry", "MessageId", "Moved at (UTC)", "Reason", "Exception");
        foreach (var e in entries)
            table.AddRow(e.Id, e.MessageId, e.MovedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss"), Markup.Escape(e.Reason ?? ""),
                Markup.Escape(Shorten($"{e.ExceptionType}: {e.FaultMessage}")));
        AnsiConsole.Write(table);
        return 0;
    }

    public static async Task<int> ShowAsync(LocalSettings settings, string prefix, string endpoint, string id, bool skipped)
    {
        var admin = await Admin(settings, prefix, endpoint);
        var entry = await admin.ShowAsync(endpoint, id, skipped)
            ?? throw new CliException($"{endpoint}{Suffix(skipped)} has no entry {id} (see: basec dlq list {endpoint})");
        AnsiConsole.MarkupLineInterpolated($"[bold]{entry.Id}[/]  MessageId {entry.MessageId}  moved {entry.MovedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        AnsiConsole.MarkupLineInterpolated($"Reason: {entry.Reason}");
        if (entry.ExceptionType is not null)
            AnsiConsole.MarkupLineInterpolated($"Exception: {entry.ExceptionType}: {entry.FaultMessage}");
        var headers = new Table().Border(TableBorder.Simple).AddColumns("Header", "Value");
        foreach (var (key, value) in entry.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
            headers.AddRow(Markup.Escape(key), Markup.Escape(Shorten(value, 160)));
        AnsiConsole.Write(headers);
        AnsiConsole.WriteLine(entry.Body);
        return 0;
    }

    public static async Task<int> ReplayAsync(LocalSettings settings, string prefix, string endpoint, bool skipped)
    {
        var moved = await (await Admin(settings, prefix, endpoint)).ReplayAsync(endpoint, skipped: skipped);
        AnsiConsole.MarkupLineInterpolated($"[green]{moved} message(s) moved from {endpoint}{Suffix(skipped)} back to {endpoint}.[/]");
        return 0;
    }

    public static async Task<int> PurgeAsync(LocalSettings settings, string prefix, string endpoint, bool skipped)
    {
        var removed = await (await Admin(settings, prefix, endpoint)).PurgeAsync(endpoint, skipped);
        AnsiConsole.MarkupLineInterpolated($"[yellow]{removed} message(s) removed from {endpoint}{Suffix(skipped)}.[/]");
        return 0;
    }

    static async Task<RedisStreamsAdmin> Admin(LocalSettings settings, string prefix, string endpoint)
    {
        // The multiplexer lives for the rest of this short-lived process.
        var admin = new RedisStreamsAdmin(await StreamsCommand.Connect(settings), prefix);
        if (!await admin.IsKnownAsync(endpoint))
            throw new CliException($"no endpoint named '{endpoint}' (see: basec streams)");
        return admin;
    }

    static string Suffix(bool skipped) => skipped ? "_skipped" : "_error";

    static string Shorten(string text, int max = 80) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
