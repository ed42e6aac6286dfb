using BaseCommerce.Contracts.Delivery;
using BaseCommerce.Engines.Delivery.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Delivery.Consumers;

/// <summary>What the driver records, per route; and the planning command of the scheduler.</summary>
public sealed class TrackingConsumer(DeliveryAdvisor advisor) :
    IConsumer<DeliveryArrived>, IConsumer<DeliveryProofRecorded>, IConsumer<DeliveryOccurrenceRecorded>, IConsumer<PlanRoutes>
{
    public Task Consume(ConsumeContext<DeliveryArrived> context) =>
        advisor.StopEventAsync(context.Message.EventId, context.Message.OrderId, "chegou", context.Message.ArrivedAt, context.Message.CorrelationId,
            context.CancellationToken);

    public Task Consume(ConsumeContext<DeliveryProofRecorded> context) =>
        advisor.StopEventAsync(context.Message.EventId, context.Message.OrderId, "entregue", context.Message.ReceivedAt, context.Message.CorrelationId,
            context.CancellationToken);

    public Task Consume(ConsumeContext<DeliveryOccurrenceRecorded> context) =>
        advisor.StopEventAsync(context.Message.EventId, context.Message.OrderId, "ocorrencia", context.Message.OccurredAt, context.Message.CorrelationId,
            context.CancellationToken);

    public Task Consume(ConsumeContext<PlanRoutes> context) =>
        advisor.PlanAsync(context.Message.Day, context.Message.CorrelationId, context.CancellationToken);
}
