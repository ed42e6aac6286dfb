namespace BaseCommerce.Cli;

/// <summary>Where things are: the repository and its git-ignored <c>.basec/</c> working folder.</summary>
internal sealed class Repo
{
    public string Root { get; }
    public string State => Path.Combine(Root, ".basec");
    public string Logs => Path.Combine(State, "logs");
    public string Run => Path.Combine(State, "run");

    Repo(string root) => Root = root;

    public static Repo Locate()
    {
        var start = Environment.GetEnvironmentVariable("BASEC_ROOT") ?? Directory.GetCurrentDirectory();
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BaseCommerce.sln")))
            {
                var repo = new Repo(dir.FullName);
                Directory.CreateDirectory(repo.Logs);
                Directory.CreateDirectory(repo.Run);
                return repo;
            }
        }
        throw new CliException($"BaseCommerce.sln not found above {start}: run basec from the repository.");
    }

    /// <summary>A working folder somewhere else: a test's private PostgreSQL cluster lives under its <c>.basec/</c>.</summary>
    public static Repo At(string root) => new(root);

    public string LogFile(string name) => Path.Combine(Logs, name + ".log");
    public string PidFile(string name) => Path.Combine(Run, name + ".pid");
}
