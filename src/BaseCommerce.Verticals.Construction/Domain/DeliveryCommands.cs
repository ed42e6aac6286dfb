using BaseCommerce.Contracts.Delivery;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// What the driver (motorista) records on a delivery on its way: arrival, occurrences, and the proof of who received it,
/// which moves the order to entregue in the same transaction. Each is published for the Delivery engine.
/// </summary>
public sealed class DeliveryCommands(ConstructionDb db, OrderCommands orders, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public async Task<Delivery> ArriveAsync(Guid id, CancellationToken ct)
    {
        var (delivery, order) = await OnItsWayAsync(id, ct);
        if (delivery.Status == DeliveryStatus.Arrived)
            return delivery;
        var now = clock.GetUtcNow();
        delivery.Status = DeliveryStatus.Arrived;
        delivery.ArrivedAt = now;
        await publish.Publish(new DeliveryArrived(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, delivery.Id, order.Id, order.Number, now,
            actor.UserId), ct);
        await db.SaveChangesAsync(ct);
        return delivery;
    }

    public async Task<DeliveryOccurrence> RecordOccurrenceAsync(Guid id, OcorrenciaInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var kind = input.Tipo!.Trim().ToLowerInvariant();
        new Validation().Check(DeliveryStatus.OccurrenceKinds.Contains(kind), "tipo",
            $"Tipo de ocorrência inválido: use {string.Join(", ", DeliveryStatus.OccurrenceKinds)}.").ThrowIfInvalid();
        var (delivery, order) = await OnItsWayAsync(id, ct);
        var now = clock.GetUtcNow();
        var occurrence = new DeliveryOccurrence
        {
            DeliveryId = delivery.Id, Kind = kind, Description = Text.Clean(input.Descricao), CreatedBy = actor.UserId, CreatedAt = now,
        };
        db.DeliveryOccurrences.Add(occurrence);
        await publish.Publish(new DeliveryOccurrenceRecorded(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, occurrence.Id, delivery.Id,
            order.Id, order.Number, kind, occurrence.Description, actor.UserId), ct);
        await db.SaveChangesAsync(ct);
        return occurrence;
    }

    /// <summary>Who received the goods; the order becomes entregue (and its sale is recorded) in the same transaction.</summary>
    public async Task<Delivery> RecordProofAsync(Guid id, ComprovanteInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        new Validation().Check(!string.IsNullOrWhiteSpace(input.RecebedorNome), "recebedor_nome", "Informe o nome de quem recebeu.").ThrowIfInvalid();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (delivery, order) = await OnItsWayAsync(id, ct);
        var now = clock.GetUtcNow();
        delivery.ReceiverName = input.RecebedorNome!.Trim();
        delivery.ReceiverDocument = Text.Clean(input.RecebedorDocumento);
        await publish.Publish(new DeliveryProofRecorded(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, delivery.Id, order.Id, order.Number,
            delivery.ReceiverName, delivery.ReceiverDocument, now, actor.UserId), ct);
        await orders.ChangeStatusAsync(order.Id, new StatusInput(OrderStatus.Delivered, null), ct);
        await transaction.CommitAsync(ct);
        return delivery;
    }

    async Task<(Delivery Delivery, Order Order)> OnItsWayAsync(Guid id, CancellationToken ct)
    {
        var delivery = await db.Deliveries.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw ProblemException.NotFound("Entrega");
        var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == delivery.OrderId, ct);
        if (!DeliveryStatus.OnItsWay.Contains(delivery.Status))
            throw ProblemException.Conflict($"A entrega do pedido {order.Number} está '{delivery.Status}': só se registra algo numa entrega a caminho.");
        return (delivery, order);
    }
}
