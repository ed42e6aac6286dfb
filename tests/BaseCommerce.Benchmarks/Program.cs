using BaseCommerce.Benchmarks;

// ./basec bench transport|outbox|engines|revocation [--messages N] (for revocation: N rounds). Prints a table of rates and latencies, then the ratios.
var which = args.FirstOrDefault() ?? "";
var count = args.SkipWhile(a => a != "--messages").Skip(1).Select(int.Parse).FirstOrDefault();
switch (which)
{
    case "transport":
    {
        var (results, paced) = await TransportBench.RunAsync(count > 0 ? count : 50_000);
        Report.Print("Transport: publish → consume, same MassTransit consumer, saturated (latencies are queueing)", results);
        var ours = results[0];
        Report.Ratio("ours / in-memory (pipeline ceiling)", ours.PerSecond / results[1].PerSecond);
        Report.Ratio("ours / plain XADD+XREADGROUP (Redis ceiling)", ours.PerSecond / results[2].PerSecond);
        Report.Target("≥ 10,000 msg/s publish-to-consume", ours.PerSecond >= 10_000, $"{ours.PerSecond:N0} msg/s");
        if (results.Count > 3)
        {
            var rabbit = ours.PerSecond / results[3].PerSecond;
            Report.Ratio("ours / MassTransit RabbitMQ", rabbit);
            Report.Target("≥ 1.0× MassTransit RabbitMQ", rabbit >= 1.0, $"{rabbit:0.00}×");
        }
        Report.Paced($"Transport paced: publish start → consume at fixed rates, {TransportBench.PacedFor.TotalSeconds:0} s each", paced);
        foreach (var rate in TransportBench.PacedRates)
        {
            var oursAt = paced.First(p => p.Rate == rate && p.Name.StartsWith("(a)"));
            if (paced.FirstOrDefault(p => p.Rate == rate && p.Name.StartsWith("(d)")) is not { Sustained: true } rabbitAt)
                Console.WriteLine($"  at {rate:N0}/s RabbitMQ did not run or did not sustain the rate: no comparison");
            else
                Report.Target($"ours p99 ≤ RabbitMQ's at {rate:N0}/s", oursAt.Sustained && oursAt.P99Ms <= rabbitAt.P99Ms,
                    $"{oursAt.P99Ms:N2} vs {rabbitAt.P99Ms:N2} ms");
        }
        return 0;
    }
    case "outbox":
    {
        var results = await OutboxBench.RunAsync(count > 0 ? count : 10_000);
        Report.Print("Outbox: business transaction (+ outbox → consumed)", results);
        var ratio = results[1].PerSecond / results[0].PerSecond;
        Report.Ratio("outbox end-to-end / plain transactions", ratio);
        Report.Target("outbox end-to-end ≥ 70% of plain", ratio >= 0.70, $"{ratio:P0}");
        Report.Target("p99 commit → consume < 250 ms at half the plain rate", results[2].P99Ms < 250, $"{results[2].P99Ms:N1} ms");
        return 0;
    }
    case "revocation":
    {
        var results = await RevocationBench.RunAsync(count > 0 ? count : 5);
        Report.Print("Access-token revocation check: requests through one host (32 concurrent)", results);
        var ratio = results[0].PerSecond / results[1].PerSecond;
        Report.Ratio("with the check / without", ratio);
        Report.Target("the check costs ≤ 5% of requests per second", ratio >= 0.95, $"{ratio:0.00}×");
        return 0;
    }
    case "engines":
        await EnginesBench.RunAsync(1_000_000, count > 0 ? count : 100_000);
        return 0;
    case "outbox-drain":
        // Diagnostic, not a target: where an outbox transaction's time goes, and how fast a backlog drains.
        await OutboxBench.DrainAsync(count > 0 ? count : 5_000);
        return 0;
    default:
        Console.Error.WriteLine("usage: bench transport|outbox|engines|revocation [--messages N]");
        return 2;
}
