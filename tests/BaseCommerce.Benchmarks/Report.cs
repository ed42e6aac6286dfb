namespace BaseCommerce.Benchmarks;

static class Report
{
    public static void Print(string title, IEnumerable<Result> results)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"  {"run",-62} {"per s",10} {"p50 ms",9} {"p99 ms",9}");
        foreach (var r in results)
            Console.WriteLine($"  {r.Name,-62} {r.PerSecond,10:N0} {r.P50Ms,9:N2} {r.P99Ms,9:N2}");
        Console.WriteLine();
    }

    public static void Ratio(string what, double ratio) => Console.WriteLine($"  ratio {what}: {ratio:0.00}×");

    public static void Target(string what, bool met, string measured) =>
        Console.WriteLine($"  target {what}: {(met ? "met" : "NOT met")} ({measured})");
}
