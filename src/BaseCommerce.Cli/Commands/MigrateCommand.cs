using BaseCommerce.Cli.Platform;
using Spectre.Console;

namespace BaseCommerce.Cli.Commands;

/// <summary><c>basec migrate [--status]</c>: applies pending SQL migrations of every service (as the owner role).</summary>
internal static class MigrateCommand
{
    public static async Task<int> RunAsync(Repo repo, LocalSettings settings, bool statusOnly)
    {
        await new Infrastructure(repo, settings).EnsureAsync(_ => { });
        var database = new Database(repo, settings);
        await database.BootstrapAsync();
        if (!statusOnly)
        {
            var applied = await database.MigrateAsync();
            AnsiConsole.MarkupLine(applied.Count == 0 ? "Nothing to migrate." : $"Applied {applied.Count} migration(s).");
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Schema", "Version", "Name", "State");
        foreach (var m in await database.StatusAsync())
            table.AddRow(m.Schema, m.Version.ToString("D4"), m.Name, m.Applied ? "[green]applied[/]" : "[yellow]pending[/]");
        AnsiConsole.Write(table);
        return 0;
    }
}
