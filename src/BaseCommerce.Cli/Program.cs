using System.CommandLine;
using BaseCommerce.Cli;
using BaseCommerce.Cli.Commands;
using Spectre.Console;

var root = new RootCommand("basec — run, test and operate the BaseCommerce platform locally.");

root.Subcommands.Add(Command("up", "Start PostgreSQL, Redis, every service and nginx; migrate and seed the demo data.",
    (repo, settings, _, _) => UpCommand.RunAsync(repo, settings)));
root.Subcommands.Add(Command("down", "Stop nginx, every service, Redis and PostgreSQL.",
    (repo, settings, _, _) => DownCommand.RunAsync(repo, settings)));
root.Subcommands.Add(Command("status", "Health and version of each service.",
    (repo, settings, _, _) => StatusCommand.RunAsync(repo, settings)));

var serviceArgument = new Argument<string>("service") { Description = "A service (identity, construction, ops, stock, sales, pricing, delivery) or postgres, redis, nginx." };
var linesOption = new Option<int>("--lines", "-n") { Description = "How many lines from the end.", DefaultValueFactory = _ => 100 };
var followOption = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines." };
var logs = Command("logs", "Print a service's log.",
    (repo, settings, parse, ct) => LogsCommand.RunAsync(repo, settings, parse.GetValue(serviceArgument)!, parse.GetValue(linesOption), parse.GetValue(followOption), ct));
logs.Arguments.Add(serviceArgument);
logs.Options.Add(linesOption);
logs.Options.Add(followOption);
root.Subcommands.Add(logs);

var statusOnlyOption = new Option<bool>("--status") { Description = "Only show what is applied and what is pending." };
var migrate = Command("migrate", "Apply pending SQL migrations of every service.",
    (repo, settings, parse, _) => MigrateCommand.RunAsync(repo, settings, parse.GetValue(statusOnlyOption)));
migrate.Options.Add(statusOnlyOption);
root.Subcommands.Add(migrate);

var filterOption = new Option<string?>("--filter") { Description = "A dotnet test filter expression, e.g. FullyQualifiedName~Tenancy." };
var test = Command("test", "Run the whole test suite against real PostgreSQL and Redis; ends with 'N passed, N failed'.",
    (repo, settings, parse, _) => TestCommand.RunAsync(repo, settings, parse.GetValue(filterOption)));
test.Options.Add(filterOption);
root.Subcommands.Add(test);

return await root.Parse(args).InvokeAsync();

static Command Command(string name, string description, Func<Repo, LocalSettings, ParseResult, CancellationToken, Task<int>> run)
{
    var command = new Command(name, description);
    command.SetAction(async (parse, ct) =>
    {
        try
        {
            return await run(Repo.Locate(), LocalSettings.FromEnvironment(), parse, ct);
        }
        catch (CliException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]basec {name}: {e.Message}[/]");
            return 1;
        }
    });
    return command;
}
