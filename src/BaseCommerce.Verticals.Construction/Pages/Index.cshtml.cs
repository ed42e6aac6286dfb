using BaseCommerce.Verticals.Construction.Web;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class IndexModel(ConstructionDb db, TimeProvider clock) : WebPage
{
    public DashboardView View { get; private set; } = null!;
    public List<Insights.StockAlertView> Attention { get; private set; } = [];
    public List<Insights.PriceAlertView> PriceAlerts { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public List<Insights.RouteView> Routes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await Dashboard.LoadAsync(db, clock.GetUtcNow(), ct);
        Attention = await Insights.StockInsightsQueries.OpenAlertsAsync(db, 5, ct);
        var week = clock.GetUtcNow().AddDays(-7);
        PriceAlerts = await db.PriceAlerts.AsNoTracking().Where(a => a.RaisedAt >= week).OrderByDescending(a => a.ChangeRank).Take(3).ToListAsync(ct);
        Names = await Insights.InsightNames.OfAsync(db, PriceAlerts.SelectMany(a => new[] { a.ProductId, a.SupplierId }), ct);
        var today = Api.RouteInsightEndpoints.Day(null, clock);
        Routes = await db.StoredRoutes.AsNoTracking().Where(r => r.Day == today).OrderBy(r => r.Position).ToListAsync(ct);
    }
}
