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

var benchArgument = new Argument<string>("benchmark") { Description = "transport (publish → consume on our transport and its baselines), outbox (transactions with and without the outbox), engines (the Stock engine against its baselines) or revocation (bearer validation with and without the revocation check)." };
var messagesOption = new Option<int>("--messages") { Description = "Messages (transport, engines), transactions (outbox) or rounds (revocation) per measured run; 0 keeps the benchmark's default." };
var bench = Command("bench", "Run a benchmark; prints each run beside its baselines from the same run, and the ratios.",
    (repo, settings, parse, _) => BenchCommand.RunAsync(repo, settings, parse.GetValue(benchArgument)!, parse.GetValue(messagesOption)));
bench.Arguments.Add(benchArgument);
bench.Options.Add(messagesOption);
root.Subcommands.Add(bench);

var prefixOption = new Option<string>("--prefix") { Description = "Key prefix of the bus on Redis.", DefaultValueFactory = _ => StreamsCommand.DefaultPrefix };

var engineArgument = new Argument<string>("engine") { Description = $"An engine: {string.Join(", ", EnginesCommand.Engines)}." };
var storeOption = new Option<string?>("--store") { Description = "Only this store (its slug); every active store otherwise." };
var engines = new Command("engines", "The engines: recompute what they derive from the facts they keep.");
var recompute = Command("recompute", "Send an engine its recompute commands for one store or every active store.",
    (_, settings, parse, ct) => EnginesCommand.RecomputeAsync(settings, parse.GetValue(engineArgument)!, parse.GetValue(storeOption), parse.GetValue(prefixOption)!, ct));
recompute.Arguments.Add(engineArgument);
recompute.Options.Add(storeOption);
recompute.Options.Add(prefixOption);
engines.Subcommands.Add(recompute);
root.Subcommands.Add(engines);
var jobIdArgument = new Argument<string>("job") { Description = "A recurring job's id, e.g. pricing-refresh:demo (see: basec jobs list)." };
var jobs = new Command("jobs", "The scheduled jobs (Hangfire): list, trigger, pause, resume.");
jobs.Subcommands.Add(Command("list", "Every recurring job: cron, time zone, next and last run, last state; and the paused ones.",
    (_, settings, _, _) => JobsCommand.ListAsync(settings)));
foreach (var (name, description, action) in new (string, string, Func<LocalSettings, string, Task<int>>)[]
{
    ("trigger", "Run a recurring job now (the Ops service picks it up).", JobsCommand.TriggerAsync),
    ("pause", "Take a recurring job off the schedule until resumed.", JobsCommand.PauseAsync),
    ("resume", "Put a paused job back on the schedule.", JobsCommand.ResumeAsync),
})
{
    var sub = Command(name, description, (_, settings, parse, _) => action(settings, parse.GetValue(jobIdArgument)!));
    sub.Arguments.Add(jobIdArgument);
    jobs.Subcommands.Add(sub);
}
root.Subcommands.Add(jobs);
var streams = Command("streams", "Each bus endpoint: backlog, pending, consumers, oldest age, delayed, errors, skipped.",
    (_, settings, parse, _) => StreamsCommand.RunAsync(settings, parse.GetValue(prefixOption)!));
streams.Options.Add(prefixOption);
root.Subcommands.Add(streams);

var endpointArgument = new Argument<string>("endpoint") { Description = "A receive endpoint (queue) name, as listed by 'basec streams'." };
var entryArgument = new Argument<string>("entry") { Description = "The entry id, as listed by 'basec dlq list'." };
var skippedOption = new Option<bool>("--skipped") { Description = "Use the _skipped stream (messages no consumer took) instead of _error." };
var countOption = new Option<int>("--count") { Description = "How many entries to list.", DefaultValueFactory = _ => 50 };
var dlq = new Command("dlq", "Dead letters of an endpoint: list, show, replay or purge its _error (or _skipped) stream.");
var dlqList = Command("list", "List the dead letters of an endpoint.", (_, settings, parse, _) => DlqCommand.ListAsync(settings,
    parse.GetValue(prefixOption)!, parse.GetValue(endpointArgument)!, parse.GetValue(skippedOption), parse.GetValue(countOption)));
dlqList.Options.Add(countOption);
var dlqShow = Command("show", "Show one dead letter: reason, exception, headers and body.", (_, settings, parse, _) => DlqCommand.ShowAsync(settings,
    parse.GetValue(prefixOption)!, parse.GetValue(endpointArgument)!, parse.GetValue(entryArgument)!, parse.GetValue(skippedOption)));
dlqShow.Arguments.Add(entryArgument);
var dlqReplay = Command("replay", "Move every dead letter back to the endpoint's queue.", (_, settings, parse, _) => DlqCommand.ReplayAsync(settings,
    parse.GetValue(prefixOption)!, parse.GetValue(endpointArgument)!, parse.GetValue(skippedOption)));
var dlqPurge = Command("purge", "Delete every dead letter of the endpoint.", (_, settings, parse, _) => DlqCommand.PurgeAsync(settings,
    parse.GetValue(prefixOption)!, parse.GetValue(endpointArgument)!, parse.GetValue(skippedOption)));
foreach (var sub in new[] { dlqList, dlqShow, dlqReplay, dlqPurge })
{
    sub.Arguments.Insert(0, endpointArgument);
    sub.Options.Add(skippedOption);
    sub.Options.Add(prefixOption);
    dlq.Subcommands.Add(sub);
}
root.Subcommands.Add(dlq);

foreach (var identity in IdentityCommands.All(Command))
    root.Subcommands.Add(identity);

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
