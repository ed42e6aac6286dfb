using BaseCommerce.Verticals.Construction.Insights;
using BaseCommerce.Verticals.Construction.Web;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class InsightsPrecosModel(ConstructionDb db) : WebPage
{
    public List<PriceAlertView> Alerts { get; private set; } = [];
    public List<SuggestedPriceView> UnderMargin { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Alerts = await db.PriceAlerts.AsNoTracking().OrderByDescending(a => a.RaisedAt).Take(100).ToListAsync(ct);
        UnderMargin = await db.SuggestedPrices.AsNoTracking().Where(s => s.BelowMinimum).OrderBy(s => s.CurrentMargin).Take(100).ToListAsync(ct);
        Names = await Insights.InsightNames.OfAsync(db, Alerts.SelectMany(a => new[] { a.SupplierId, a.ProductId }).Concat(UnderMargin.Select(u => u.ProductId)), ct);
    }
}
