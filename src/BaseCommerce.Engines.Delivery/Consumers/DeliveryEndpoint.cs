using MassTransit;

namespace BaseCommerce.Engines.Delivery.Consumers;

/// <summary>Every consumer of the engine on one receive endpoint, <c>delivery</c>: one stream and one consumer group; the inbox is on the endpoint.</summary>
public sealed class DeliveryEndpoint<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public DeliveryEndpoint() => EndpointName = "delivery";
}
