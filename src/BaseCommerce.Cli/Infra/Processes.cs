using System.Runtime.InteropServices;

namespace BaseCommerce.Cli.Infra;

/// <summary>Background processes tracked by pid files.</summary>
internal static class Processes
{
    const int SigTerm = 15, SigKill = 9;

    /// <summary>The pid in the file, if that process still runs and its command line mentions <paramref name="marker"/>.</summary>
    public static int? Alive(string pidFile, string marker)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
            return null;
        var cmdline = $"/proc/{pid}/cmdline";
        // The marker guards against a recycled pid that now belongs to an unrelated process.
        return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains(marker, StringComparison.Ordinal) ? pid : null;
    }

    /// <summary>SIGTERM, then SIGKILL if the process has not exited within <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        Kill(pid, SigTerm);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!Directory.Exists($"/proc/{pid}") || IsZombie(pid))
                return;
            await Task.Delay(100);
        }
        Kill(pid, SigKill);
    }

    static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z"; }
        catch (IOException) { return false; }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    static extern int Kill(int pid, int signal);
}
