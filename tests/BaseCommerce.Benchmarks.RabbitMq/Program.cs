using System.Globalization;
using BaseCommerce.Benchmarks;
using MassTransit;

// Baseline (d): the bench's consumer on MassTransit's RabbitMQ transport, against the broker on --port (started by
// RabbitMqRun in the main benchmark). Prints "RESULT <per second> <p50 ms> <p99 ms> <p99.9 ms>" for the saturated run
// and "PACED <rate> <per second> <p50> <p99> <p99.9> <1 if sustained>" for each paced rate, for it to read.
var port = ushort.Parse(Arg("--port"));
var messages = int.Parse(Arg("--messages"));
var rates = Arg("--rates").Split(',').Select(int.Parse).ToArray();
var seconds = double.Parse(Arg("--seconds"), CultureInfo.InvariantCulture);
var figures = await BusRun.RunAsync("(d) MassTransit RabbitMQ 8.4.0", messages, rates, TimeSpan.FromSeconds(seconds), x => x.UsingRabbitMq((context, cfg) =>
{
    cfg.Host("127.0.0.1", port, "/", h =>
    {
        h.Username("guest");
        h.Password("guest");
    });
    cfg.ConfigureEndpoints(context);
}));
var s = figures.Saturated;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {s.PerSecond} {s.P50Ms} {s.P99Ms} {s.P999Ms}"));
foreach (var p in figures.Paced)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PACED {p.Rate} {p.PerSecond} {p.P50Ms} {p.P99Ms} {p.P999Ms} {(p.Sustained ? 1 : 0)}"));
return 0;

string Arg(string name) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
    ?? throw new ArgumentException($"usage: --port N --messages N --rates R1,R2 --seconds S (missing {name})");
