using BaseCommerce.Verticals.Construction.Insights;

namespace BaseCommerce.Verticals.Construction.Api;

public sealed record SugestaoResponse(Guid ProdutoId, string? Produto, string Frequencia, string Prioridade, string Explicacao);

public sealed record ComboResponse(Guid ProdutoId, string? Produto, Guid OutroProdutoId, string? OutroProduto, string Frequencia, int Pedidos);

public sealed record SugestaoCarrinhoResponse(Guid ProdutoId, string Produto, string Unidade, string PrecoBase, string Frequencia, string Prioridade,
    string Explicacao);

/// <summary>
/// <c>/api/v1/insights/vendas</c>: the Sales engine's lists as the vertical projected them. The lists are bounded (at most
/// 10 complements or pattern items, 5 substitutes or bundles), so each comes whole, in the paged shape with no next cursor.
/// </summary>
public static class SalesInsightEndpoints
{
    public const int MaxCartItems = 200;

    public static void MapSalesInsights(this RouteGroupBuilder api)
    {
        var vendas = api.MapGroup("/insights/vendas").WithTags("insights");
        vendas.MapGet("/produtos/{id:guid}/complementares", (Guid id, ConstructionDb db, CancellationToken ct) =>
            ListAsync(db, SuggestionKinds.Complements, id, "Produto", ct)).RequireAuthorization(Permissions.Read);
        vendas.MapGet("/produtos/{id:guid}/substitutos", (Guid id, ConstructionDb db, CancellationToken ct) =>
            ListAsync(db, SuggestionKinds.Substitutes, id, "Produto", ct)).RequireAuthorization(Permissions.Read);
        vendas.MapGet("/clientes/{id:guid}/padroes", (Guid id, ConstructionDb db, CancellationToken ct) =>
            ListAsync(db, SuggestionKinds.Patterns, id, "Cliente", ct)).RequireAuthorization(Permissions.Read);
        vendas.MapGet("/combos", async (ConstructionDb db, CancellationToken ct) =>
        {
            var rows = await db.SalesSuggestions.AsNoTracking().Where(s => s.Kind == SuggestionKinds.Bundles).OrderBy(s => s.Position).ToListAsync(ct);
            var names = await InsightNames.OfAsync(db, rows.SelectMany(r => new[] { r.ProductId, r.OtherId!.Value }), ct);
            return new CursorPage<ComboResponse>([.. rows.Select(r => new ComboResponse(r.ProductId, names.GetValueOrDefault(r.ProductId), r.OtherId!.Value,
                names.GetValueOrDefault(r.OtherId.Value), Responses.Money(r.Frequency), r.Orders ?? 0))], null);
        }).RequireAuthorization(Permissions.Read);
        vendas.MapPost("/carrinho", async (CarrinhoInput input, ConstructionDb db, CancellationToken ct) =>
        {
            Domain.InputRules.Check(input);
            new Domain.Validation().Check(input.Itens!.Count <= MaxCartItems, "itens", $"No máximo {MaxCartItems} itens por carrinho.").ThrowIfInvalid();
            var cart = input.Itens!.Select(i => i.ProdutoId!.Value).ToHashSet();
            var suggestions = await CartSuggestions.ForAsync(db, cart, 10, ct);
            return new CursorPage<SugestaoCarrinhoResponse>([.. suggestions.Select(s => new SugestaoCarrinhoResponse(s.ProductId, s.Name, s.Unit,
                Responses.Money(s.BasePrice), Responses.Money(s.Frequency), s.Priority, s.Explanation))], null);
        }).RequireAuthorization(Permissions.Read);
    }

    static async Task<CursorPage<SugestaoResponse>> ListAsync(ConstructionDb db, string kind, Guid owner, string ownerName, CancellationToken ct)
    {
        var exists = ownerName == "Cliente" ? await db.Customers.AnyAsync(c => c.Id == owner, ct) : await db.Products.AnyAsync(p => p.Id == owner, ct);
        if (!exists)
            throw Domain.ProblemException.NotFound(ownerName);
        var rows = await (from s in db.SalesSuggestions.AsNoTracking()
                          where s.Kind == kind && s.OwnerId == owner
                          join p in db.Products.AsNoTracking() on s.ProductId equals p.Id into products
                          from p in products.DefaultIfEmpty()
                          orderby s.Position
                          select new { s, Name = p == null ? null : p.Name }).ToListAsync(ct);
        return new CursorPage<SugestaoResponse>([.. rows.Select(r => new SugestaoResponse(r.s.ProductId, r.Name, Responses.Money(r.s.Frequency),
            r.s.Priority, r.s.Explanation))], null);
    }

}
