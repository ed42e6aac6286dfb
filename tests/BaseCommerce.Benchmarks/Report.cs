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

    public static void Paced(string title, IEnumerable<PacedResult> results)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine($"  {"run",-48} {"rate",8} {"got /s",9} {"p50 ms",9} {"p99 ms",9} {"p99.9 ms",9}  kept up");
        foreach (var r in results.OrderBy(r => r.Rate).ThenBy(r => r.Name))
            Console.WriteLine($"  {r.Name,-48} {r.Rate,8:N0} {r.PerSecond,9:N0} {r.P50Ms,9:N2} {r.P99Ms,9:N2} {r.P999Ms,9:N2}  {(r.Sustained ? "yes" : "NO")}");
        Console.WriteLine();
    }

    public static void Ratio(string what, double ratio) => Console.WriteLine($"  ratio {what}: {ratio:0.00}×");

    public static void Target(string what, bool met, string measured) =>
        Console.WriteLine($"  target {what}: {(met ? "met" : "NOT met")} ({measured})");
}
