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
        var names = await Api.PricingInsightEndpoints.NamesAsync(db, bundles.SelectMany(b => new[] { b.ProductId, b.OtherId!.Value }), ct);
        Bundles = [.. bundles.Select(b => (b, names.GetValueOrDefault(b.ProductId), names.GetValueOrDefault(b.OtherId!.Value)))];
        // Products with the most complements: where a seller's "Clientes também levam" has the most to offer.
        Linked = [.. (await (from s in db.SalesSuggestions.AsNoTracking()
                             where s.Kind == SuggestionKinds.Complements
                             group s by s.OwnerId into g
                             join p in db.Products.AsNoTracking() on g.Key equals p.Id
                             orderby g.Count() descending, p.Name
                             select new { p.Id, p.Name, Count = g.Count() }).Take(20).ToListAsync(ct)).Select(x => (x.Id, x.Name, x.Count))];
    }
}
