using System.Text.Json;
using BaseCommerce.Contracts;
using BaseCommerce.Verticals.Construction.Insights;

namespace BaseCommerce.Verticals.Construction.Api;

public sealed record AlertaPrecoResponse(Guid Id, Guid FornecedorId, string? Fornecedor, Guid ProdutoId, string? Produto, string PrecoAnterior,
    string PrecoNovo, string VariacaoPercentual, string Tipo, string Explicacao, DateTimeOffset CriadoEm);

public sealed record CotacaoFornecedorResponse(Guid FornecedorId, string? Fornecedor, string Preco, string? QuantidadeMinima, string VariacaoVsMaisBarato,
    string Media90Dias, string Estabilidade, string Tendencia, string TendenciaMensalPercentual);

public sealed record MelhorFornecedorResponse(Guid FornecedorId, string? Fornecedor, string Preco, string? QuantidadeMinima, bool Estavel,
    IReadOnlyList<Guid> Alternativas, string Explicacao);

public sealed record PrecoSugeridoResponse(string CustoBase, string PrecoSugerido, string PrecoAtual, string MargemAtualPercentual, bool AbaixoMargemMinima,
    string Explicacao);

public sealed record PrecosProdutoResponse(Guid ProdutoId, IReadOnlyList<CotacaoFornecedorResponse> Comparacao, MelhorFornecedorResponse? MelhorFornecedor,
    PrecoSugeridoResponse? PrecoSugerido);

/// <summary><c>/api/v1/insights/precos</c>: the Pricing engine's answers as the vertical projected them.</summary>
public static class PricingInsightEndpoints
{
    public static void MapPricingInsights(this RouteGroupBuilder api)
    {
        var precos = api.MapGroup("/insights/precos").WithTags("insights");
        precos.MapGet("/alertas", async (ConstructionDb db, string? cursor, int? limit, CancellationToken ct) =>
        {
            var (after, size) = Cursor.Of(cursor, limit);
            var alerts = db.PriceAlerts.AsNoTracking();
            if (after is { } c)
                alerts = alerts.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(-a.ChangeRank, a.Id), ValueTuple.Create(-c.Rank, c.Id)));
            var page = await Cursor.PageAsync(alerts.OrderByDescending(a => a.ChangeRank).ThenBy(a => a.Id), size, a => new Cursor(a.ChangeRank, a.Id), a => a, ct);
            var names = await InsightNames.OfAsync(db, page.Itens.SelectMany(a => new[] { a.SupplierId, a.ProductId }), ct);
            return new CursorPage<AlertaPrecoResponse>([.. page.Itens.Select(a => new AlertaPrecoResponse(a.Id, a.SupplierId, names.GetValueOrDefault(a.SupplierId),
                a.ProductId, names.GetValueOrDefault(a.ProductId), Responses.Money(a.PreviousPrice), Responses.Money(a.NewPrice),
                Responses.Money(a.ChangePercent), a.Kind, a.Explanation, a.RaisedAt))], page.ProximoCursor);
        }).RequireAuthorization(Permissions.Read);

        precos.MapGet("/produtos/{id:guid}", async (Guid id, ConstructionDb db, CancellationToken ct) =>
        {
            if (!await db.Products.AnyAsync(p => p.Id == id, ct))
                throw Domain.ProblemException.NotFound("Produto");
            return await ForProductAsync(db, id, ct);
        }).RequireAuthorization(Permissions.Read);
    }

    public static async Task<PrecosProdutoResponse> ForProductAsync(ConstructionDb db, Guid id, CancellationToken ct)
    {
        var comparison = await db.PriceComparisons.AsNoTracking().SingleOrDefaultAsync(c => c.ProductId == id, ct);
        var quotes = comparison is null ? [] : JsonSerializer.Deserialize<List<SupplierQuote>>(comparison.Quotes) ?? [];
        var best = await db.BestSuppliers.AsNoTracking().SingleOrDefaultAsync(b => b.ProductId == id, ct);
        var suggested = await db.SuggestedPrices.AsNoTracking().SingleOrDefaultAsync(s => s.ProductId == id, ct);
        var names = await InsightNames.OfAsync(db, quotes.Select(q => q.SupplierId), ct);
        return new PrecosProdutoResponse(id,
            [.. quotes.Select(q => new CotacaoFornecedorResponse(q.SupplierId, names.GetValueOrDefault(q.SupplierId), Responses.Money(q.Price),
                q.MinimumQuantity is { } m ? Responses.Quantity(m) : null, Responses.Money(q.VariationFromCheapestPercent), Responses.Money(q.Average90Days),
                q.Stability, q.Trend, Responses.Money(q.MonthlyTrendPercent)))],
            best is null ? null : new MelhorFornecedorResponse(best.SupplierId, names.GetValueOrDefault(best.SupplierId), Responses.Money(best.Price),
                best.MinimumQuantity is { } bm ? Responses.Quantity(bm) : null, best.Stable, best.Alternatives, best.Explanation),
            suggested is null ? null : new PrecoSugeridoResponse(Responses.Money(suggested.BaseCost), Responses.Money(suggested.SuggestedPrice),
                Responses.Money(suggested.CurrentPrice), Responses.Money(suggested.CurrentMargin), suggested.BelowMinimum, suggested.Explanation));
    }
}
