using Npgsql;

namespace BaseCommerce.Cli.Infra;

/// <summary>
/// A local PostgreSQL (15+) cluster under <c>.basec/postgres</c>, started with pg_ctl (no systemd needed),
/// listening on 127.0.0.1 only, with password (SCRAM) authentication.
/// </summary>
internal sealed class PostgresServer(Repo repo, LocalSettings settings)
{
    string DataDir => Path.Combine(repo.State, "postgres");
    public string LogFile => Path.Combine(DataDir, "server.log");

    public async Task<bool> IsRunningAsync() =>
        FindBin() is { } bin && File.Exists(Path.Combine(DataDir, "PG_VERSION")) && (await PgCtl(bin, "status")).Ok;

    /// <summary>Starts the cluster (installing and initialising it first when needed). Returns true if this call started it.</summary>
    public async Task<bool> EnsureStartedAsync()
    {
        var bin = FindBin();
        if (bin is null)
        {
            await Apt.InstallAsync("postgresql");
            bin = FindBin() ?? throw new CliException("PostgreSQL was installed but no /usr/lib/postgresql/*/bin/postgres was found.");
        }
        if (File.Exists(Path.Combine(DataDir, "PG_VERSION")) && (await PgCtl(bin, "status")).Ok)
            return false;
        if (Ports.InUse(settings.PostgresPort))
            throw Ports.Taken(settings.PostgresPort, "PostgreSQL");

        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
            await InitAsync(bin);

        var options = $"-p {settings.PostgresPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' " +
                      "-c max_connections=300 -c shared_buffers=256MB";
        var start = await PgCtl(bin, "start", "-w", "-t", "60", "-l", LogFile, "-o", options);
        if (!start.Ok)
            throw new CliException($"PostgreSQL did not start (log: {LogFile}):\n{Shell.Tail(start.Output)}\n{TailLog()}");
        return true;
    }

    public async Task StopAsync()
    {
        if (FindBin() is { } bin && await IsRunningAsync())
            await PgCtl(bin, "stop", "-m", "fast", "-w", "-t", "60");
    }

    /// <summary>Waits until the admin connection succeeds (the cluster may still be recovering right after start).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var c = new NpgsqlConnection(settings.AdminConnection() + ";Pooling=false;Timeout=3");
                await c.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
            catch (NpgsqlException e)
            {
                throw new CliException($"PostgreSQL on port {settings.PostgresPort} refuses the admin login: {e.Message}. " +
                    "If another PostgreSQL runs on that port, stop it or set BASEC_PG_PORT.");
            }
        }
    }

    async Task InitAsync(string bin)
    {
        Directory.CreateDirectory(DataDir);
        var passwordFile = Path.Combine(repo.State, "postgres-admin.pw");
        await File.WriteAllTextAsync(passwordFile, settings.AdminPassword);
        try
        {
            if (Shell.IsRoot)
            {
                // PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' system user.
                await Shell.RunAsync("chown", ["-R", "postgres:postgres", DataDir, passwordFile]);
                await Shell.RunAsync("chmod", ["755", repo.State]);
            }
            await Shell.RunAsync("chmod", ["700", DataDir]);
            var init = await AsPostgres(Path.Combine(bin, "initdb"), "-D", DataDir, "-U", "postgres", "--auth=scram-sha-256",
                "--pwfile", passwordFile, "-E", "UTF8", "--locale=C.UTF-8");
            if (!init.Ok)
                throw new CliException($"initdb failed for {DataDir}:\n{Shell.Tail(init.Output)}" +
                    (Shell.IsRoot ? "\nThe 'postgres' user must be able to reach this folder (every parent directory needs o+x)." : ""));
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    Task<ShellResult> PgCtl(string bin, string verb, params string[] args) =>
        AsPostgres(Path.Combine(bin, "pg_ctl"), ["-D", DataDir, verb, .. args]);

    static Task<ShellResult> AsPostgres(string program, params string[] args) =>
        Shell.IsRoot
            ? Shell.RunAsync("runuser", ["-u", "postgres", "--", program, .. args], TimeSpan.FromMinutes(2))
            : Shell.RunAsync(program, args, TimeSpan.FromMinutes(2));

    string TailLog() => File.Exists(LogFile) ? Shell.Tail(File.ReadAllText(LogFile)) : "";

    static string? FindBin()
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
            return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => x.Version >= 15 && File.Exists(Path.Combine(x.Dir, "bin", "postgres")))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "bin"))
            .FirstOrDefault();
    }
}
