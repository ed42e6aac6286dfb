using BaseCommerce.Verticals.Construction.Insights;
using BaseCommerce.Verticals.Construction.Web;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class InsightsVendasModel(ConstructionDb db) : WebPage
{
    public List<(SuggestionView Bundle, string? First, string? Second)> Bundles { get; private set; } = [];
    public List<(Guid Product, string Name, int Count)> Linked { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var bundles = await db.SalesSuggestions.AsNoTracking().Where(s => s.Kind == SuggestionKinds.Bundles).OrderBy(s => s.Position).ToListAsync(ct);
        var names = await Insights.InsightNames.OfAsync(db, bundles.SelectMany(b => new[] { b.ProductId, b.OtherId!.Value }), ct);
        Bundles = [.. bundles.Select(b => (b, names.GetValueOrDefault(b.ProductId), names.GetValueOrDefault(b.OtherId!.Value)))];
        // Products with the most complements: where a seller's "Clientes também levam" has the most to offer.
        var counts = await db.SalesSuggestions.AsNoTracking().Where(s => s.Kind == SuggestionKinds.Complements)
            .GroupBy(s => s.OwnerId).Select(g => new { Product = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Product).Take(20).ToListAsync(ct);
        var linkedNames = await Insights.InsightNames.OfAsync(db, counts.Select(c => c.Product), ct);
        Linked = [.. counts.Where(c => linkedNames.ContainsKey(c.Product)).Select(c => (c.Product, linkedNames[c.Product], c.Count))];
    }
}
