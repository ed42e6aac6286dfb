using BaseCommerce.Contracts.Stock;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>Staff acknowledged an alert in the store's UI.</summary>
public sealed class AlertConsumer(StockAdvisor advisor) : IConsumer<StockAlertAcknowledged>
{
    public Task Consume(ConsumeContext<StockAlertAcknowledged> context) =>
        advisor.AcknowledgeAsync(context.Message.AlertId, context.Message.OccurredAt, context.CancellationToken);
}
