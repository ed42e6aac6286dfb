using BaseCommerce.Verticals.Construction.Insights;
using BaseCommerce.Verticals.Construction.Web;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class InsightsEntregasModel(ConstructionDb db, TimeProvider clock) : WebPage
{
    public DateOnly Day { get; private set; }
    public List<RouteView> Routes { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync(string? dia, CancellationToken ct)
    {
        try
        {
            Day = Api.RouteInsightEndpoints.Day(dia, clock);
        }
        catch (ProblemException e)
        {
            Error = e.ForPeople;
            Day = Api.RouteInsightEndpoints.Day(null, clock);
        }
        Routes = await db.StoredRoutes.AsNoTracking().Where(r => r.Day == Day).OrderBy(r => r.Position).ToListAsync(ct);
    }
}
