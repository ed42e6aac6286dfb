namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>A product suggested for a cart, with the frequency and priority of its strongest link to the cart.</summary>
public sealed record CartSuggestion(Guid ProductId, string Name, string Unit, decimal BasePrice, decimal Frequency, string Priority, string Explanation);

/// <summary>
/// "Clientes também levam": the merge of the complementary products of a cart's items (from the projection of the
/// Sales engine's lists), the highest frequency per suggested product, sorted by priority then frequency, without what is
/// already in the cart or inactive.
/// </summary>
public static class CartSuggestions
{
    public static async Task<IReadOnlyList<CartSuggestion>> ForAsync(ConstructionDb db, IReadOnlyCollection<Guid> cart, int take, CancellationToken ct)
    {
        if (cart.Count == 0)
            return [];
        var rows = await (from s in db.SalesSuggestions.AsNoTracking()
                          where s.Kind == SuggestionKinds.Complements && cart.Contains(s.OwnerId) && !cart.Contains(s.ProductId)
                          join p in db.Products.AsNoTracking() on s.ProductId equals p.Id
                          where p.Active
                          select new { s.ProductId, p.Name, p.Unit, p.BasePrice, s.Frequency, s.Priority, s.Explanation }).ToListAsync(ct);
        return [.. rows.GroupBy(r => r.ProductId)
            .Select(g => g.MaxBy(r => r.Frequency)!)
            .OrderByDescending(r => InsightRanks.Priority(r.Priority)).ThenByDescending(r => r.Frequency).ThenBy(r => r.Name)
            .Take(take)
            .Select(r => new CartSuggestion(r.ProductId, r.Name, r.Unit, r.BasePrice, r.Frequency, r.Priority, r.Explanation))];
    }
}
