using MassTransit;

namespace BaseCommerce.Engines.Sales.Consumers;

/// <summary>Every consumer of the engine on one receive endpoint, <c>sales</c>: one stream and one consumer group; the inbox is on the endpoint.</summary>
public sealed class SalesEndpoint<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public SalesEndpoint() => EndpointName = "sales";
}
