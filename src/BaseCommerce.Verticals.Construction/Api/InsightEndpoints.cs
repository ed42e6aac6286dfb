using BaseCommerce.Verticals.Construction.Insights;

namespace BaseCommerce.Verticals.Construction.Api;

public sealed record AlertaEstoqueResponse(Guid Id, Guid ProdutoId, string Produto, string Status, string Risco, string QuantidadeEstoque,
    string QuantidadeDisponivel, string PontoPedido, string MediaDiaria, int? DiasAteRuptura, string Explicacao, DateTimeOffset CriadoEm,
    DateTimeOffset? ReconhecidoEm, DateTimeOffset? ResolvidoEm, string? MotivoResolucao);

public sealed record ReposicaoResponse(Guid ProdutoId, string? Produto, string Quantidade, string EstoqueMaximo, string Prioridade, string ClasseAbc,
    string Explicacao, DateTimeOffset AtualizadoEm);

public sealed record AbcResponse(Guid ProdutoId, string? Produto, string Classe, string Receita90Dias, string PercentualAcumulado, DateTimeOffset AtualizadoEm);

public sealed record IndicadoresEstoqueResponse(Guid ProdutoId, string QuantidadeEstoque, string QuantidadeReservada, string QuantidadeDisponivel,
    string MediaDiaria, string DesvioPadraoDiario, string PrevisaoDiaria, string EstoqueSeguranca, string PontoPedido, string EstoqueMaximo,
    int? DiasAteRuptura, string Risco, string ClasseAbc, int LeadTimeDias, DateTimeOffset AtualizadoEm);

/// <summary>
/// <c>/api/v1/insights</c>: what the engines derived, read from the vertical's own projection of their events (never from
/// an engine). Lists are keyset-paged by <c>cursor</c>.
/// </summary>
public static class InsightEndpoints
{
    static readonly string[] AlertStatuses = ["abertos", "ativo", "reconhecido", "resolvido"];

    public static void MapInsights(this RouteGroupBuilder api)
    {
        var estoque = api.MapGroup("/insights/estoque").WithTags("insights");
        estoque.MapGet("/alertas", async (ConstructionDb db, string? status, string? cursor, int? limit, CancellationToken ct) =>
        {
            var wanted = status?.Trim().ToLowerInvariant() ?? "abertos";
            new Domain.Validation().Check(AlertStatuses.Contains(wanted), "status", $"Status inválido: use {string.Join(", ", AlertStatuses)}.").ThrowIfInvalid();
            var (after, size) = Cursor.Of(cursor, limit);
            var alerts = db.StockAlerts.AsNoTracking();
            alerts = wanted == "abertos" ? alerts.Where(a => a.Status != "resolvido") : alerts.Where(a => a.Status == wanted);
            if (after is { } c)
                alerts = alerts.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(-a.RiskRank, a.Id), ValueTuple.Create(-c.Rank, c.Id)));
            return await Cursor.PageAsync(alerts.OrderByDescending(a => a.RiskRank).ThenBy(a => a.Id), size, a => new Cursor(a.RiskRank, a.Id), Of, ct);
        }).RequireAuthorization(Permissions.Read);
        estoque.MapPost("/alertas/{id:guid}/reconhecer", async (Guid id, InsightCommands commands, CancellationToken ct) =>
            Of(await commands.AcknowledgeAlertAsync(id, ct))).RequireAuthorization(Permissions.ManageStock);

        estoque.MapGet("/reposicao", async (ConstructionDb db, string? cursor, int? limit, CancellationToken ct) =>
        {
            var (after, size) = Cursor.Of(cursor, limit);
            var rows = from r in db.Replenishments.AsNoTracking()
                       where !r.Withdrawn
                       join p in db.Products.AsNoTracking() on r.ProductId equals p.Id into products
                       from p in products.DefaultIfEmpty()
                       select new { r, Name = p == null ? null : p.Name };
            if (after is { } c)
                rows = rows.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(-x.r.PriorityRank, x.r.ProductId), ValueTuple.Create(-c.Rank, c.Id)));
            return await Cursor.PageAsync(rows.OrderByDescending(x => x.r.PriorityRank).ThenBy(x => x.r.ProductId), size,
                x => new Cursor(x.r.PriorityRank, x.r.ProductId),
                x => new ReposicaoResponse(x.r.ProductId, x.Name, Responses.Quantity(x.r.Quantity), Responses.Quantity(x.r.MaximumStock), x.r.Priority,
                    x.r.AbcClass, x.r.Explanation, x.r.EventAt), ct);
        }).RequireAuthorization(Permissions.Read);

        estoque.MapGet("/abc", async (ConstructionDb db, string? classe, string? cursor, int? limit, CancellationToken ct) =>
        {
            var wanted = classe?.Trim().ToUpperInvariant();
            new Domain.Validation().Check(wanted is null or "A" or "B" or "C", "classe", "Classe inválida: use A, B ou C.").ThrowIfInvalid();
            var (after, size) = Cursor.Of(cursor, limit);
            // Rank: revenue in cents, so the page order is by revenue, highest first.
            var rows = from a in db.AbcClasses.AsNoTracking()
                       join p in db.Products.AsNoTracking() on a.ProductId equals p.Id into products
                       from p in products.DefaultIfEmpty()
                       select new { a, Name = p == null ? null : p.Name, Rank = (int)(a.Revenue * 100) };
            if (wanted is not null)
                rows = rows.Where(x => x.a.Class == wanted);
            if (after is { } c)
                rows = rows.Where(x => EF.Functions.GreaterThan(ValueTuple.Create(-x.Rank, x.a.ProductId), ValueTuple.Create(-c.Rank, c.Id)));
            return await Cursor.PageAsync(rows.OrderByDescending(x => x.Rank).ThenBy(x => x.a.ProductId), size, x => new Cursor(x.Rank, x.a.ProductId),
                x => new AbcResponse(x.a.ProductId, x.Name, x.a.Class, Responses.Money(x.a.Revenue), Responses.Money(x.a.CumulativeShare), x.a.EventAt), ct);
        }).RequireAuthorization(Permissions.Read);

        estoque.MapGet("/produtos/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == id, ct))
                throw Domain.ProblemException.NotFound("Produto");
            var v = await db.ProductStock.AsNoTracking().SingleOrDefaultAsync(p => p.ProductId == id, ct)
                ?? throw Domain.ProblemException.NotFound("Indicadores de estoque do produto (o motor de estoque ainda não o avaliou)");
            return new IndicadoresEstoqueResponse(v.ProductId, Responses.Quantity(v.OnHand), Responses.Quantity(v.Reserved), Responses.Quantity(v.Available),
                v.AverageDaily.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
                v.DeviationDaily.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
                v.ForecastDaily.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), Responses.Quantity(v.SafetyStock),
                Responses.Quantity(v.ReorderPoint), Responses.Quantity(v.MaximumStock), v.DaysToStockout, v.Risk, v.AbcClass, v.LeadTimeDays, v.EventAt);
        }).RequireAuthorization(Permissions.Read);
    }

    static AlertaEstoqueResponse Of(StockAlertView a) => new(a.Id, a.ProductId, a.ProductName, a.Status, a.Risk, Responses.Quantity(a.OnHand),
        Responses.Quantity(a.Available), Responses.Quantity(a.ReorderPoint), a.AverageDaily.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
        a.DaysToStockout, a.Explanation, a.RaisedAt, a.AcknowledgedAt, a.ResolvedAt, a.ResolvedReason);
}
