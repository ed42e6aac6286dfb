using Shouldly;

namespace BaseCommerce.ArchitectureTests.Projects;

/// <summary>
/// Which production project may reference which, as a table. Each row is one rule; the theory runs it over
/// every *.csproj under src/ and contracts/. Test projects are not scanned: they may reference anything.
/// </summary>
public sealed class ProjectReferenceRules
{
    private const ProjectKind None = 0;
    private const ProjectKind AnyProject =
        ProjectKind.Contracts | ProjectKind.Engine | ProjectKind.Vertical | ProjectKind.Host | ProjectKind.Platform;

    /// <param name="Sentence">The rule in words; it is also the test case's display name.</param>
    /// <param name="From">The projects the rule constrains.</param>
    /// <param name="MustNotReference">The kinds of project they must not reference.</param>
    /// <param name="NoPackages">Whether package and framework references are forbidden too.</param>
    private sealed record Rule(string Sentence, ProjectKind From, ProjectKind MustNotReference, bool NoPackages = false);

    private static readonly Rule[] Rules =
    [
        //  sentence                                                          from                    must not reference
        new("Contracts reference no project and no package",                 ProjectKind.Contracts,  AnyProject, NoPackages: true),
        new("Engines never reference verticals",                             ProjectKind.Engine,     ProjectKind.Vertical),
        new("Engines never reference other engines",                         ProjectKind.Engine,     ProjectKind.Engine),
        new("Engines never reference hosts",                                 ProjectKind.Engine,     ProjectKind.Host),
        new("Verticals never reference engines",                             ProjectKind.Vertical,   ProjectKind.Engine),
        new("Platform libraries never reference engines, verticals or hosts", ProjectKind.Platform,  ProjectKind.Engine | ProjectKind.Vertical | ProjectKind.Host),
        new("Nothing but tests references a host, engine or vertical",       AnyProject,             ProjectKind.Host | ProjectKind.Engine | ProjectKind.Vertical),
    ];

    public static TheoryData<RuleName> RuleSentences => new(Rules.Select(r => new RuleName(r.Sentence)));

    [Theory]
    [MemberData(nameof(RuleSentences))]
    public void Rule_holds(RuleName rule)
    {
        var row = Rules.Single(r => r.Sentence == rule.Sentence);
        var projects = Repository.ProductionProjects;

        // A rule about nobody proves nothing: the constrained and the forbidden kinds must both exist
        // (a blanket "no project at all" row only needs its subjects).
        var mustExist = row.MustNotReference == AnyProject ? row.From : row.From | row.MustNotReference;
        foreach (var kind in Flags(mustExist))
        {
            projects.ShouldContain(p => p.Kind == kind,
                $"Rule \"{rule}\" talks about {kind} projects but none was found under src/ or contracts/; " +
                "is ProjectClassifier still right?");
        }

        var violations = new List<string>();
        foreach (var project in projects.Where(p => row.From.HasFlag(p.Kind)))
        {
            foreach (var reference in project.ProjectReferences)
            {
                var kind = ProjectClassifier.Classify(reference);
                if ((row.MustNotReference & kind) != 0)
                    violations.Add($"{project.Name} ({project.RelativePath}) references {reference} ({kind})");
            }

            if (row.NoPackages)
            {
                violations.AddRange(project.PackageReferences.Select(p =>
                    $"{project.Name} ({project.RelativePath}) references package {p}"));
                violations.AddRange(project.FrameworkReferences.Select(f =>
                    $"{project.Name} ({project.RelativePath}) references framework {f}"));
            }
        }

        violations.ShouldBeEmpty(Explain(rule.Sentence, violations));
    }

    /// <summary>How many projects of each kind must exist, so a classifier typo cannot make the rules vacuous.</summary>
    /// <summary>What an engine may build on: the wire contracts and the platform's messaging, tenancy and hosting, nothing else.</summary>
    static readonly HashSet<string> EngineReferences =
        ["BaseCommerce.Contracts", "BaseCommerce.Messaging", "BaseCommerce.Tenancy", "BaseCommerce.ServiceDefaults"];

    [Fact]
    public void Engines_reference_only_contracts_messaging_tenancy_and_service_defaults()
    {
        var engines = Repository.ProductionProjects.Where(p => p.Kind == ProjectKind.Engine).ToList();
        engines.ShouldNotBeEmpty();
        var violations = engines.SelectMany(e => e.ProjectReferences.Where(r => !EngineReferences.Contains(r)).Select(r => $"{e.Name} references {r}"))
            .ToList();
        violations.ShouldBeEmpty(string.Join(Environment.NewLine, violations));
    }

    public static TheoryData<ProjectKind, int> MinimumProjectsPerKind => new()
    {
        { ProjectKind.Contracts, 1 },
        { ProjectKind.Engine, 4 },    // Stock, Sales, Pricing, Delivery
        { ProjectKind.Vertical, 1 },  // Construction
        { ProjectKind.Host, 3 },      // Identity, Ops, Cli
        { ProjectKind.Platform, 3 },  // ServiceDefaults, Tenancy, Migrations
    };

    [Theory]
    [MemberData(nameof(MinimumProjectsPerKind))]
    public void The_rules_find_the_projects_they_talk_about(ProjectKind kind, int atLeast)
    {
        var found = Repository.ProductionProjects.Where(p => p.Kind == kind).Select(p => p.Name).ToList();

        found.Count.ShouldBeGreaterThanOrEqualTo(atLeast,
            $"expected at least {atLeast} {kind} project(s) under src/ and contracts/, found [{string.Join(", ", found)}]");
    }

    [Theory]
    [InlineData("BaseCommerce.Contracts", ProjectKind.Contracts)]
    [InlineData("BaseCommerce.Engines.Stock", ProjectKind.Engine)]
    [InlineData("BaseCommerce.Engines.Sales", ProjectKind.Engine)]
    [InlineData("BaseCommerce.Engines.Pricing", ProjectKind.Engine)]
    [InlineData("BaseCommerce.Engines.Delivery", ProjectKind.Engine)]
    [InlineData("BaseCommerce.Verticals.Construction", ProjectKind.Vertical)]
    [InlineData("BaseCommerce.Identity", ProjectKind.Host)]
    [InlineData("BaseCommerce.Ops", ProjectKind.Host)]
    [InlineData("BaseCommerce.Cli", ProjectKind.Host)]
    [InlineData("BaseCommerce.ServiceDefaults", ProjectKind.Platform)]
    [InlineData("BaseCommerce.Tenancy", ProjectKind.Platform)]
    [InlineData("BaseCommerce.Migrations", ProjectKind.Platform)]
    [InlineData("BaseCommerce.Messaging", ProjectKind.Platform)]
    [InlineData("BaseCommerce.Messaging.Outbox", ProjectKind.Platform)]
    public void Projects_are_classified_by_name(string projectName, ProjectKind expected) =>
        ProjectClassifier.Classify(projectName).ShouldBe(expected);

    [Theory]
    [InlineData(@"..\BaseCommerce.ServiceDefaults\BaseCommerce.ServiceDefaults.csproj", "BaseCommerce.ServiceDefaults")]
    [InlineData(@"..\..\contracts\BaseCommerce.Contracts\BaseCommerce.Contracts.csproj", "BaseCommerce.Contracts")]
    [InlineData("../BaseCommerce.Tenancy/BaseCommerce.Tenancy.csproj", "BaseCommerce.Tenancy")]
    public void Project_reference_paths_give_the_project_name(string include, string expected) =>
        ProjectFile.ReferencedProjectName(include).ShouldBe(expected);

    [Fact]
    public void The_csproj_reader_sees_project_and_package_references()
    {
        // Guards the XML reading itself: if it saw no references at all, every rule above would pass.
        var projects = Repository.ProductionProjects;

        projects.SelectMany(p => p.ProjectReferences).ShouldNotBeEmpty("no ProjectReference was read from any csproj");
        projects.SelectMany(p => p.PackageReferences).ShouldNotBeEmpty("no PackageReference was read from any csproj");
        projects.SelectMany(p => p.ProjectReferences).ShouldContain(ProjectClassifier.ContractsName,
            "some service should reference the contracts");
    }

    private static IEnumerable<ProjectKind> Flags(ProjectKind kinds) =>
        Enum.GetValues<ProjectKind>().Where(k => k != None && kinds.HasFlag(k));

    private static string Explain(string rule, IReadOnlyList<string> violations) =>
        $"Rule broken: {rule}{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", violations);
}
