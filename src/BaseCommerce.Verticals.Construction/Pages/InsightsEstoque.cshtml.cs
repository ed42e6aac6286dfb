using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Insights;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class InsightsEstoqueModel(ConstructionDb db, InsightCommands commands) : WebPage
{
    public List<StockAlertView> Alerts { get; private set; } = [];
    public List<(ReplenishmentView Suggestion, string? Product)> Suggestions { get; private set; } = [];
    public List<(AbcView Abc, string? Product)> Abc { get; private set; } = [];
    public bool MayAcknowledge { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Alerts = await StockInsightsQueries.OpenAlertsAsync(db, 200, ct);
        var names = await db.Products.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        Suggestions = [.. (await db.Replenishments.AsNoTracking().Where(r => !r.Withdrawn).OrderByDescending(r => r.PriorityRank).ThenByDescending(r => r.Quantity)
            .Take(200).ToListAsync(ct)).Select(r => (r, names.GetValueOrDefault(r.ProductId)))];
        Abc = [.. (await db.AbcClasses.AsNoTracking().OrderBy(a => a.Class).ThenByDescending(a => a.Revenue).Take(500).ToListAsync(ct))
            .Select(a => (a, names.GetValueOrDefault(a.ProductId)))];
        MayAcknowledge = await MayAsync(Permissions.ManageStock);
    }

    public Task<IActionResult> OnPostReconhecerAsync(Guid id, CancellationToken ct) =>
        ActAsync(Permissions.ManageStock, async () =>
        {
            var alert = await commands.AcknowledgeAlertAsync(id, ct);
            return $"Alerta de {alert.ProductName} reconhecido.";
        }, () => AfterAction.Reload(this, "/web/insights/estoque"));
}
