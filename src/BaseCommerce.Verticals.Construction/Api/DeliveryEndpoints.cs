namespace BaseCommerce.Verticals.Construction.Api;

public sealed record EntregaItemResponse(Guid ProdutoId, string Quantidade);

public sealed record OcorrenciaResponse(Guid Id, string Tipo, string? Descricao, Guid? UsuarioId, DateTimeOffset CreatedAt);

public sealed record EntregaResponse(Guid Id, Guid PedidoId, string PedidoNumero, int Sequencia, string Status, DateTimeOffset SaiuEm, DateTimeOffset? ChegouEm,
    DateTimeOffset? EntregueEm, DateTimeOffset? CanceladaEm, string? RecebedorNome, string? RecebedorDocumento, IReadOnlyList<EntregaItemResponse> Itens,
    IReadOnlyList<OcorrenciaResponse> Ocorrencias);

/// <summary>
/// <c>/api/v1/entregas</c>: the deliveries orders leave in, and what the driver records on one on its way (arrival,
/// occurrences, the proof of who received it, which makes the order entregue).
/// </summary>
public static class DeliveryEndpoints
{
    static readonly string[] Statuses = ["saiu_entrega", "chegou", "entregue", "cancelada"];

    public static void MapDeliveries(this RouteGroupBuilder api)
    {
        var entregas = api.MapGroup("/entregas").WithTags("entregas");
        entregas.MapGet("/", async (HttpContext http, ConstructionDb db, string? status, Guid? pedido_id, int? skip, int? limit, CancellationToken ct) =>
        {
            new Domain.Validation().Check(status is null || Statuses.Contains(status), "status", $"Status inválido: use {string.Join(", ", Statuses)}.")
                .ThrowIfInvalid();
            var query = db.Deliveries.AsNoTracking().Include(d => d.Items).AsQueryable();
            if (status is not null) query = query.Where(d => d.Status == status);
            if (pedido_id is not null) query = query.Where(d => d.OrderId == pedido_id);
            var (s, l) = Paging.Of(skip, limit);
            http.Response.Headers["X-Total-Count"] = (await query.CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rows = await query.OrderByDescending(d => d.DispatchedAt).ThenBy(d => d.Id).Skip(s).Take(l).ToListAsync(ct);
            return await ResponsesAsync(db, rows, ct);
        }).RequireAuthorization(Permissions.Read);
        entregas.MapGet("/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
            (await ResponsesAsync(db, [await LoadAsync(db, id, ct)], ct))[0]).RequireAuthorization(Permissions.Read);
        entregas.MapPost("/{id:guid}/chegou", async (Guid id, DeliveryCommands commands, ConstructionDb db, CancellationToken ct) =>
        {
            var delivery = await commands.ArriveAsync(id, ct);
            return (await ResponsesAsync(db, [await LoadAsync(db, delivery.Id, ct)], ct))[0];
        }).RequireAuthorization(Permissions.DeliverOrders);
        entregas.MapPost("/{id:guid}/ocorrencias", async (Guid id, OcorrenciaInput input, DeliveryCommands commands, CancellationToken ct) =>
        {
            var o = await commands.RecordOccurrenceAsync(id, input, ct);
            return TypedResults.Created($"/api/v1/entregas/{id}", new OcorrenciaResponse(o.Id, o.Kind, o.Description, o.CreatedBy, o.CreatedAt));
        }).RequireAuthorization(Permissions.DeliverOrders);
        entregas.MapPost("/{id:guid}/comprovante", async (Guid id, ComprovanteInput input, DeliveryCommands commands, ConstructionDb db, CancellationToken ct) =>
        {
            var delivery = await commands.RecordProofAsync(id, input, ct);
            return (await ResponsesAsync(db, [await LoadAsync(db, delivery.Id, ct)], ct))[0];
        }).RequireAuthorization(Permissions.DeliverOrders);
    }

    static async Task<Delivery> LoadAsync(ConstructionDb db, Guid id, CancellationToken ct) =>
        await db.Deliveries.AsNoTracking().Include(d => d.Items).SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw Domain.ProblemException.NotFound("Entrega");

    static async Task<List<EntregaResponse>> ResponsesAsync(ConstructionDb db, List<Delivery> deliveries, CancellationToken ct)
    {
        var ids = deliveries.Select(d => d.Id).ToList();
        var orders = deliveries.Select(d => d.OrderId).Distinct().ToList();
        var numbers = await db.Orders.AsNoTracking().Where(o => orders.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Number, ct);
        var occurrences = (await db.DeliveryOccurrences.AsNoTracking().Where(o => ids.Contains(o.DeliveryId)).OrderBy(o => o.CreatedAt).ToListAsync(ct))
            .ToLookup(o => o.DeliveryId);
        return [.. deliveries.Select(d => new EntregaResponse(d.Id, d.OrderId, numbers.GetValueOrDefault(d.OrderId) ?? "", d.Sequence, d.Status, d.DispatchedAt,
            d.ArrivedAt, d.DeliveredAt, d.CancelledAt, d.ReceiverName, d.ReceiverDocument,
            [.. d.Items.OrderBy(i => i.ProductId).Select(i => new EntregaItemResponse(i.ProductId, Responses.Quantity(i.Quantity)))],
            [.. occurrences[d.Id].Select(o => new OcorrenciaResponse(o.Id, o.Kind, o.Description, o.CreatedBy, o.CreatedAt))]))];
    }
}
