using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Insights;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

/// <summary>One stop of the driver's sheet: the order, where it goes, what it carries, and its delivery on its way (if it left).</summary>
public sealed record SheetStop(BaseCommerce.Contracts.RouteStop Stop, string? Customer, string? Phone, Site? Site, List<(string Product, string Unit, decimal Quantity)> Items,
    Delivery? Delivery);

/// <summary>The printable route sheet, with the driver's actions per stop (arrival, occurrence, who received).</summary>
public sealed class FolhaRotaModel(ConstructionDb db, DeliveryCommands deliveries) : WebPage
{
    public RouteView Route { get; private set; } = null!;
    public List<SheetStop> Stops { get; private set; } = [];
    public bool MayDeliver { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.StoredRoutes.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } route)
            return NotFound();
        Route = route;
        var stops = route.StopList();
        var orderIds = stops.Select(s => s.OrderId).ToList();
        var orders = await db.Orders.AsNoTracking().Include(o => o.Items).Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
        var customerIds = orders.Values.Select(o => o.CustomerId).ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var siteIds = stops.Where(s => s.SiteId is not null).Select(s => s.SiteId!.Value).ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var productIds = orders.Values.SelectMany(o => o.Items).Select(i => i.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var onTheirWay = await db.Deliveries.AsNoTracking().Where(d => orderIds.Contains(d.OrderId)).OrderByDescending(d => d.Sequence).ToListAsync(ct);
        Stops = [.. stops.Select(s =>
        {
            var order = orders.GetValueOrDefault(s.OrderId);
            var customer = order is null ? null : customers.GetValueOrDefault(order.CustomerId);
            var items = order?.Items.OrderBy(i => i.Position).Select(i => (products[i.ProductId].Name, products[i.ProductId].Unit, i.Quantity)).ToList() ?? [];
            return new SheetStop(s, customer?.Name, customer?.Phone, s.SiteId is { } site ? sites.GetValueOrDefault(site) : null, items,
                onTheirWay.FirstOrDefault(d => d.OrderId == s.OrderId));
        })];
        MayDeliver = await MayAsync(Permissions.DeliverOrders);
        return Page();
    }

    public Task<IActionResult> OnPostChegouAsync(Guid id, Guid entrega, CancellationToken ct) =>
        ActAsync(Permissions.DeliverOrders, async () => { await deliveries.ArriveAsync(entrega, ct); return "Chegada registrada."; },
            () => AfterAction.Reload(this, $"/web/insights/entregas/rotas/{id}"));

    public Task<IActionResult> OnPostOcorrenciaAsync(Guid id, Guid entrega, string? tipo, string? descricao, CancellationToken ct) =>
        ActAsync(Permissions.DeliverOrders, async () => { await deliveries.RecordOccurrenceAsync(entrega, new OcorrenciaInput(tipo, descricao), ct); return "Ocorrência registrada."; },
            () => AfterAction.Reload(this, $"/web/insights/entregas/rotas/{id}"));

    public Task<IActionResult> OnPostEntregueAsync(Guid id, Guid entrega, string? recebedor, string? documento, CancellationToken ct) =>
        ActAsync(Permissions.DeliverOrders, async () => { await deliveries.RecordProofAsync(entrega, new ComprovanteInput(recebedor, documento), ct); return "Entrega registrada."; },
            () => AfterAction.Reload(this, $"/web/insights/entregas/rotas/{id}"));
}
