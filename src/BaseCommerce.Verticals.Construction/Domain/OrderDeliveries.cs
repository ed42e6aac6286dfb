using BaseCommerce.Contracts.Delivery;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// What an order's status does to its deliveries and to stock on hand. Leaving the store (saiu_entrega, or straight to
/// entregue) creates the delivery and writes its outgoing movements; a shortage refuses the whole move, naming the
/// products. Cancelling after that writes the goods back. Runs inside the status change's transaction.
/// </summary>
public sealed class OrderDeliveries(ConstructionDb db, StockLedger ledger, IPublishEndpoint publish, Actor actor)
{
    public async Task DispatchAsync(Order order, DateTimeOffset now, CancellationToken ct)
    {
        var quantities = order.Items.GroupBy(i => i.ProductId).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
        var shortages = await ledger.LockShortAsync(quantities, ct);
        if (shortages.Count > 0)
            throw await ShortageAsync(order, shortages, ct);

        var delivery = new Delivery
        {
            TenantId = db.Tenant.TenantId,
            OrderId = order.Id,
            Sequence = await db.Deliveries.CountAsync(d => d.OrderId == order.Id, ct) + 1,
            DispatchedAt = now,
            CreatedBy = actor.UserId,
            Items = [.. quantities.Select(q => new DeliveryItem { TenantId = db.Tenant.TenantId, ProductId = q.Key, Quantity = q.Value })],
        };
        db.Deliveries.Add(delivery);
        foreach (var item in delivery.Items.OrderBy(i => i.ProductId))
            await ledger.MoveAsync(new StockMove(item.ProductId, StockLedger.Outgoing, -item.Quantity, DeliveryId: delivery.Id, OrderId: order.Id,
                Reason: $"Entrega {delivery.Sequence} do pedido {order.Number}"), now, ct);
        await publish.Publish(new DeliveryStarted(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number, now, null,
            delivery.Id), ct);
    }

    public async Task CompleteAsync(Order order, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var delivery in await OpenAsync(order, ct))
        {
            delivery.Status = DeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            await publish.Publish(new DeliveryCompleted(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number, now,
                delivery.Id), ct);
        }
    }

    /// <summary>Writes back the goods of every delivery of the order still on its way.</summary>
    public async Task CancelAsync(Order order, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var delivery in await OpenAsync(order, ct))
        {
            delivery.Status = DeliveryStatus.Cancelled;
            delivery.CancelledAt = now;
            foreach (var item in delivery.Items.OrderBy(i => i.ProductId))
                await ledger.MoveAsync(new StockMove(item.ProductId, StockLedger.WriteBack, item.Quantity, DeliveryId: delivery.Id, OrderId: order.Id,
                    Reason: $"Pedido {order.Number} cancelado depois da saída"), now, ct);
        }
    }

    /// <summary>The order's deliveries on their way, stored or added in this unit of work (a counter sale leaves and arrives at once).</summary>
    async Task<List<Delivery>> OpenAsync(Order order, CancellationToken ct)
    {
        await db.Deliveries.Include(d => d.Items).Where(d => d.OrderId == order.Id && DeliveryStatus.OnItsWay.Contains(d.Status)).LoadAsync(ct);
        return [.. db.Deliveries.Local.Where(d => d.OrderId == order.Id && DeliveryStatus.OnItsWay.Contains(d.Status))];
    }

    async Task<ProblemException> ShortageAsync(Order order, IReadOnlyList<(Guid ProductId, decimal OnHand, decimal Needed)> shortages, CancellationToken ct)
    {
        var ids = shortages.Select(s => s.ProductId).ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Name, p.Unit), ct);
        var lines = shortages.Select(s =>
        {
            var (name, unit) = products[s.ProductId];
            return $"{name} (precisa de {Quantity(s.Needed)} {unit}, há {Quantity(s.OnHand)})";
        });
        return ProblemException.Conflict($"Estoque insuficiente para o pedido {order.Number} sair para entrega: {string.Join("; ", lines)}.");
    }

    static string Quantity(decimal value) => value.ToString("0.###", System.Globalization.CultureInfo.GetCultureInfo("pt-BR"));
}
