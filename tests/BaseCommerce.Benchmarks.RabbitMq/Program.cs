using System.Globalization;
using BaseCommerce.Benchmarks;
using MassTransit;

// Baseline (d): the bench's consumer on MassTransit's RabbitMQ transport, against the broker on --port (started by
// RabbitMqRun in the main benchmark). Prints one line "RESULT <per second> <p50 ms> <p99 ms>" for it to read.
var port = ushort.Parse(Arg("--port"));
var messages = int.Parse(Arg("--messages"));
var result = await BusRun.RunAsync("(d) MassTransit RabbitMQ 8.4.0", messages, x => x.UsingRabbitMq((context, cfg) =>
{
    cfg.Host("127.0.0.1", port, "/", h =>
    {
        h.Username("guest");
        h.Password("guest");
    });
    cfg.ConfigureEndpoints(context);
}));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {result.PerSecond} {result.P50Ms} {result.P99Ms}"));
return 0;

string Arg(string name) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"usage: --port N --messages N (missing {name})");
