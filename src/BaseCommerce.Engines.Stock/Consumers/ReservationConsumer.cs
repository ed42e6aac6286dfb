using BaseCommerce.Contracts.Orders;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// Reservations: an order that is pendente or em_preparacao holds its quantities (available = on hand − reserved); it
/// releases them for good when it leaves (its stock then goes out through the ledger) or is cancelled.
/// </summary>
public sealed class ReservationConsumer(StockFacts facts) :
    IConsumer<OrderCreated>, IConsumer<OrderStatusChanged>, IConsumer<OrderCancelled>
{
    static readonly HashSet<string> Reserving = ["pendente", "em_preparacao"];

    public Task Consume(ConsumeContext<OrderCreated> context)
    {
        var m = context.Message;
        var quantities = m.Items.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
        return facts.ReserveAsync(m.OrderId, quantities, m.CorrelationId, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<OrderStatusChanged> context) =>
        Reserving.Contains(context.Message.NewStatus)
            ? Task.CompletedTask
            : facts.ReleaseAsync(context.Message.OrderId, context.Message.OccurredAt, context.Message.CorrelationId, context.CancellationToken);

    public Task Consume(ConsumeContext<OrderCancelled> context) =>
        facts.ReleaseAsync(context.Message.OrderId, context.Message.OccurredAt, context.Message.CorrelationId, context.CancellationToken);
}
