using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Every consumer of the engine on one receive endpoint, <c>stock</c>: one stream and one consumer group for the engine,
/// so its events are taken in the order the vertical's outbox delivered them. The inbox is on the endpoint (Program).
/// </summary>
public sealed class StockEndpoint<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public const string Name = "stock";

    public StockEndpoint() => EndpointName = Name;
}
