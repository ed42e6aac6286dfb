using MassTransit;

namespace BaseCommerce.Engines.Pricing.Consumers;

/// <summary>Every consumer of the engine on one receive endpoint, <c>pricing</c>: one stream and one consumer group; the inbox is on the endpoint.</summary>
public sealed class PricingEndpoint<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public PricingEndpoint() => EndpointName = "pricing";
}
