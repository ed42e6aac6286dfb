namespace BaseCommerce.ServiceDefaults;

/// <summary>Runtime settings of the engines, which only consume events (no pages, no request handling).</summary>
public static class EngineRuntime
{
    const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Runs socket completions (PostgreSQL's and Redis' replies) on the socket engine's thread instead of handing each
    /// to the thread pool. An engine is a stream of short awaits on those two sockets; on 2 cores the hand-offs were a
    /// third of its CPU (kernel task switches and thread-pool spinning under <c>perf record</c>), and running them inline
    /// raised the Stock engine's catch-up and paced rates (<c>./basec bench engines</c>, README). Safe only where no
    /// code blocks after such an await, which holds for the engines (every call is async); not set for the hosts that
    /// serve pages or run Hangfire. Must run before the first socket: the runtime reads the variable once. An operator's
    /// own value of the variable wins.
    /// </summary>
    public static void RunSocketCompletionsInline()
    {
        if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
    }
}
