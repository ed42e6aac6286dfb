
namespace BaseCommerce.Verticals.Construction.Api;

/// <summary><c>/api/v1/cotacoes</c>, <c>/api/v1/pedidos</c> and <c>/api/v1/dashboard</c>.</summary>
public static class SalesEndpoints
{
    public static void MapSales(this RouteGroupBuilder api)
    {
        var cotacoes = api.MapGroup("/cotacoes").WithTags("cotacoes");
        cotacoes.MapGet("/", (HttpContext http, ConstructionDb db, int? skip, int? limit, string? status_filter, Guid? cliente_id,
            DateTimeOffset? desde, DateTimeOffset? ate, CancellationToken ct) =>
        {
            CheckStatus(status_filter, QuoteStatus.All);
            var query = db.Quotes.AsNoTracking().Include(q => q.Items).AsQueryable();
            if (status_filter is not null) query = query.Where(q => q.Status == status_filter);
            if (cliente_id is not null) query = query.Where(q => q.CustomerId == cliente_id);
            if (desde?.ToUniversalTime() is { } from) query = query.Where(q => q.CreatedAt >= from);
            if (ate?.ToUniversalTime() is { } until) query = query.Where(q => q.CreatedAt < until);
            return Paging.PageAsync(http, query.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Number), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        cotacoes.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Responses.Of(await QuoteCommands.LoadWithItemsAsync(db, id, ct))).RequireAuthorization(Permissions.Read);
        cotacoes.MapPost("/", async (CotacaoInput input, QuoteCommands commands, CancellationToken ct) =>
        {
            var quote = await commands.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/cotacoes/{quote.Id}", Responses.Of(quote));
        }).RequireAuthorization(Permissions.SellQuotes);
        cotacoes.MapPut("/{id:guid}", async (Guid id, CotacaoInput input, QuoteCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.UpdateAsync(id, input, ct))).RequireAuthorization(Permissions.SellQuotes);
        cotacoes.MapPost("/{id:guid}/enviar", async (Guid id, QuoteCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.SendAsync(id, ct))).RequireAuthorization(Permissions.SellQuotes);
        cotacoes.MapPost("/{id:guid}/aprovar", async (Guid id, QuoteCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.ApproveAsync(id, ct))).RequireAuthorization(Permissions.ApproveQuotes);
        cotacoes.MapPost("/{id:guid}/cancelar", async (Guid id, QuoteCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.CancelAsync(id, ct))).RequireAuthorization(Permissions.CancelQuotes);

        var pedidos = api.MapGroup("/pedidos").WithTags("pedidos");
        pedidos.MapGet("/", (HttpContext http, ConstructionDb db, int? skip, int? limit, string? status_filter, Guid? cliente_id, CancellationToken ct) =>
        {
            CheckStatus(status_filter, OrderStatus.All);
            var query = db.Orders.AsNoTracking().Include(o => o.Items).AsQueryable();
            if (status_filter is not null) query = query.Where(o => o.Status == status_filter);
            if (cliente_id is not null) query = query.Where(o => o.CustomerId == cliente_id);
            return Paging.PageAsync(http, query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Number), skip, limit, Responses.Of, ct);
        }).RequireAuthorization(Permissions.Read);
        pedidos.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            Responses.Of(await OrderCommands.LoadWithItemsAsync(db, id, ct))).RequireAuthorization(Permissions.Read);
        pedidos.MapPost("/", async (PedidoInput input, OrderCommands commands, CancellationToken ct) =>
        {
            var order = await commands.CreateAsync(input, ct);
            return TypedResults.Created($"/api/v1/pedidos/{order.Id}", Responses.Of(order));
        }).RequireAuthorization(Permissions.CreateOrders);
        // Idempotent: converting again answers 201 with the same order, as the original did.
        pedidos.MapPost("/from-cotacao/{cotacaoId:guid}", async (Guid cotacaoId, OrderCommands commands, CancellationToken ct) =>
        {
            var (order, _) = await commands.ConvertAsync(cotacaoId, ct);
            return TypedResults.Created($"/api/v1/pedidos/{order.Id}", Responses.Of(order));
        }).RequireAuthorization(Permissions.CreateOrders);
        pedidos.MapPost("/{id:guid}/status", async (Guid id, StatusInput input, OrderCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.ChangeStatusAsync(id, input, ct))).RequireAuthorization(Permissions.DeliverOrders);
        pedidos.MapPost("/{id:guid}/cancelar", async (Guid id, CancelamentoInput? input, OrderCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.CancelAsync(id, input?.Motivo, ct))).RequireAuthorization(Permissions.CancelOrders);
        pedidos.MapPut("/{id:guid}", async (Guid id, PedidoNotesInput input, OrderCommands commands, CancellationToken ct) =>
            Responses.Of(await commands.UpdateNotesAsync(id, input.Observacoes, ct))).RequireAuthorization(Permissions.CreateOrders);

        api.MapGet("/dashboard", async (ConstructionDb db, TimeProvider clock, CancellationToken ct) =>
        {
            var view = await Dashboard.LoadAsync(db, clock.GetUtcNow(), ct);
            return new
            {
                cotacoes_hoje = view.QuotesToday,
                pedidos_hoje = view.OrdersToday,
                pedidos_semana = view.SalesThisWeek,
                vendas_semana = Responses.Money(view.SalesValueThisWeek),
                cotacoes_ativas = view.ActiveQuotesByStatus.Select(p => new { status = p.Key, quantidade = p.Value }),
                produtos_mais_vendidos = view.TopProducts.Select(t => new { produto_id = t.ProductId, nome = t.Name, quantidade = Responses.Quantity(t.Quantity), total = Responses.Money(t.Total) }),
                cotacoes_recentes = view.RecentQuotes.Select(q => new { q.Id, numero = q.Number, cliente_id = q.CustomerId, q.Status, total = Responses.Money(q.Total), created_at = q.CreatedAt }),
            };
        }).RequireAuthorization(Permissions.Read);
    }

    static void CheckStatus(string? status, IReadOnlyList<string> allowed)
    {
        if (status is not null && !allowed.Contains(status))
            new Validation().Add("status_filter", $"Status inválido: use {string.Join(", ", allowed)}.").ThrowIfInvalid();
    }
}
