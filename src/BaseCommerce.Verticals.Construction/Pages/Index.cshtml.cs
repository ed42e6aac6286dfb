using BaseCommerce.Verticals.Construction.Web;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class IndexModel(ConstructionDb db, TimeProvider clock) : WebPage
{
    public DashboardView View { get; private set; } = null!;
    public List<Insights.StockAlertView> Attention { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await Dashboard.LoadAsync(db, clock.GetUtcNow(), ct);
        Attention = await Insights.StockInsightsQueries.OpenAlertsAsync(db, 5, ct);
    }
}
