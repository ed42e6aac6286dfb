using BaseCommerce.Contracts.Orders;
using BaseCommerce.Contracts.Quotes;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// Orders: one-click conversion of an approved quote (idempotent, under a row lock), direct orders, and the delivery
/// statuses pendente → em_preparacao → saiu_entrega → entregue, forward only; cancelado from any status before entregue.
/// Leaving the store takes the goods out of stock in the same transaction (<see cref="OrderDeliveries"/>).
/// </summary>
public sealed class OrderCommands(ConstructionDb db, OrderDeliveries deliveries, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    /// <summary>The order of an approved quote. Converting again returns the same order (<c>Created</c> false) and publishes nothing.</summary>
    public async Task<(Order Order, bool Created)> ConvertAsync(Guid quoteId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The row lock queues concurrent conversions of one quote: the second sees the first's order.
        var locked = await db.Quotes.FromSql($"SELECT * FROM construction.cotacoes WHERE id = {quoteId} FOR UPDATE").AnyAsync(ct);
        if (!locked)
            throw ProblemException.NotFound("Cotação");
        if (await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.QuoteId == quoteId, ct) is { } existing)
            return (existing, false);

        var quote = await QuoteCommands.LoadWithItemsAsync(db, quoteId, ct);
        if (quote.Status != QuoteStatus.Approved)
            throw ProblemException.Conflict("Apenas cotações aprovadas podem ser convertidas em pedido.");
        var now = clock.GetUtcNow();
        QuoteCommands.EnsureNotExpired(quote, now);

        var order = new Order
        {
            Number = await Numbering.NextAsync(db, Numbering.Kinds.Order, ct),
            QuoteId = quote.Id,
            CustomerId = quote.CustomerId,
            SiteId = quote.SiteId,
            DiscountPercent = quote.DiscountPercent,
            Subtotal = quote.Subtotal,
            DiscountValue = quote.DiscountValue,
            Total = quote.Total,
            Notes = quote.Notes,
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            Items = quote.Items.OrderBy(i => i.Position).Select(i => Lines.To<OrderItem>(Lines.Of(i))).ToList(),
        };
        db.Orders.Add(order);
        quote.Status = QuoteStatus.Converted;
        quote.ConvertedAt = now;
        quote.Version++;
        quote.UpdatedAt = now;

        var items = Lines.ToEvent(order.Items);
        await publish.Publish(new QuoteConverted(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, quote.Id, order.Id, order.Number,
            order.CustomerId, actor.UserId, order.SiteId, order.Total, now, items), ct);
        await PublishCreatedAsync(order, items, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (order, true);
    }

    public async Task<Order> CreateAsync(PedidoInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var discount = input.DescontoPercentual ?? 0;
        var (priced, subtotal, discountValue, total) = await Lines.PriceAsync(db, input.ClienteId, input.ObraId, input.Itens, discount, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var order = new Order
        {
            Number = await Numbering.NextAsync(db, Numbering.Kinds.Order, ct),
            CustomerId = input.ClienteId!.Value,
            SiteId = input.ObraId,
            DiscountPercent = discount,
            Subtotal = subtotal,
            DiscountValue = discountValue,
            Total = total,
            Notes = Text.Clean(input.Observacoes),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            Items = priced.Select(Lines.To<OrderItem>).ToList(),
        };
        db.Orders.Add(order);
        await PublishCreatedAsync(order, Lines.ToEvent(order.Items), now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return order;
    }

    /// <summary>Moves an order forward (skipping steps is allowed: a counter pickup goes straight to entregue).</summary>
    public async Task<Order> ChangeStatusAsync(Guid id, StatusInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var target = input.Status?.Trim().ToLowerInvariant();
        if (target == OrderStatus.Cancelled)
            return await CancelAsync(id, input.Motivo, ct);
        if (target is null || !OrderStatus.Forward.Contains(target))
            new Validation().Add("status", $"Status inválido: use {string.Join(", ", OrderStatus.All)}.").ThrowIfInvalid();

        // Joins the caller's transaction when there is one (a delivery proof moves its order to entregue in its own).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var order = await LockAsync(id, ct);
        if (order.Status == OrderStatus.Cancelled)
            throw ProblemException.Conflict($"O pedido {order.Number} está cancelado e não pode mudar de status.");
        var from = Array.IndexOf(OrderStatus.Forward, order.Status);
        var to = Array.IndexOf(OrderStatus.Forward, target!);
        if (to <= from)
            throw ProblemException.Conflict($"O pedido {order.Number} está em '{order.Status}': só pode avançar, não voltar nem repetir.");

        var now = clock.GetUtcNow();
        var old = order.Status;
        order.Status = target!;
        switch (target)
        {
            case OrderStatus.Preparing: order.PreparingAt = now; break;
            case OrderStatus.Dispatched: order.DispatchedAt = now; break;
            case OrderStatus.Delivered: order.DeliveredAt = now; break;
        }
        var leaves = from < Array.IndexOf(OrderStatus.Forward, OrderStatus.Dispatched) && to >= Array.IndexOf(OrderStatus.Forward, OrderStatus.Dispatched);
        if (leaves)
            await deliveries.DispatchAsync(order, now, ct);
        if (target == OrderStatus.Delivered)
            await deliveries.CompleteAsync(order, now, ct);
        await publish.Publish(new OrderStatusChanged(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number,
            old, order.Status, now, actor.UserId), ct);
        if (target == OrderStatus.Delivered)
            await publish.Publish(new SaleRecorded(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number,
                order.QuoteId, order.CustomerId, order.SiteId, await SiteCityAsync(order.SiteId, ct), now, order.Total, Lines.ToEvent(order.Items)), ct);
        await SaveAsync(order, ct);
        if (transaction is not null)
            await transaction.CommitAsync(ct);
        return order;
    }

    /// <summary>Cancels an order not yet delivered (its goods back into stock if it had left); cancelling a cancelled order changes nothing.</summary>
    public async Task<Order> CancelAsync(Guid id, string? reason, CancellationToken ct)
    {
        InputRules.Check(new CancelamentoInput(reason));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = await LockAsync(id, ct);
        if (order.Status == OrderStatus.Cancelled)
            return order;
        if (order.Status == OrderStatus.Delivered)
            throw ProblemException.Conflict($"O pedido {order.Number} já foi entregue e não pode ser cancelado.");
        var now = clock.GetUtcNow();
        var old = order.Status;
        order.Status = OrderStatus.Cancelled;
        order.CancelledAt = now;
        reason = Text.Clean(reason);
        await deliveries.CancelAsync(order, now, ct);
        await publish.Publish(new OrderStatusChanged(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number,
            old, order.Status, now, actor.UserId), ct);
        await publish.Publish(new OrderCancelled(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number,
            old, reason, actor.UserId, Lines.ToEvent(order.Items)), ct);
        await SaveAsync(order, ct);
        await transaction.CommitAsync(ct);
        return order;
    }

    /// <summary>Notes stay editable until the order is delivered or cancelled; nothing else of an order changes after creation.</summary>
    public async Task<Order> UpdateNotesAsync(Guid id, string? notes, CancellationToken ct)
    {
        InputRules.Check(new PedidoNotesInput(notes));
        var order = await LoadAsync(id, ct);
        if (order.Status is OrderStatus.Delivered or OrderStatus.Cancelled)
            throw ProblemException.Conflict($"O pedido {order.Number} está '{order.Status}': as observações não podem mais mudar.");
        order.Notes = Text.Clean(notes);
        await SaveAsync(order, ct);
        return order;
    }

    async Task PublishCreatedAsync(Order order, IReadOnlyList<BaseCommerce.Contracts.LineItem> items, DateTimeOffset now, CancellationToken ct) =>
        await publish.Publish(new OrderCreated(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, order.Id, order.Number, order.QuoteId,
            order.CustomerId, order.SiteId, await SiteCityAsync(order.SiteId, ct), order.Subtotal, order.DiscountPercent, order.Total, actor.UserId, items), ct);

    async Task<string?> SiteCityAsync(Guid? siteId, CancellationToken ct) =>
        siteId is null ? null : await db.Sites.Where(s => s.Id == siteId).Select(s => s.City).SingleOrDefaultAsync(ct);

    async Task SaveAsync(Order order, CancellationToken ct)
    {
        order.Version++;
        order.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("O pedido foi alterado por outra pessoa; recarregue e tente de novo.");
        }
    }

    public static async Task<Order> LoadWithItemsAsync(ConstructionDb db, Guid id, CancellationToken ct) =>
        await db.Orders.Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw ProblemException.NotFound("Pedido");

    Task<Order> LoadAsync(Guid id, CancellationToken ct) => LoadWithItemsAsync(db, id, ct);

    /// <summary>Loads the order under a row lock (inside the caller's transaction): status changes of one order queue, so stock leaves once.</summary>
    async Task<Order> LockAsync(Guid id, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM construction.pedidos WHERE id = {id} FOR UPDATE", ct);
        return await LoadAsync(id, ct);
    }
}
