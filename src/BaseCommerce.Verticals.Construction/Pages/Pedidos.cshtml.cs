using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class PedidosModel(ConstructionDb db, OrderCommands orders) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    public List<Order> Orders { get; private set; } = [];
    public Dictionary<Guid, string> CustomerNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Orders.AsNoTracking();
        if (!string.IsNullOrEmpty(Status) && OrderStatus.All.Contains(Status))
            query = query.Where(o => o.Status == Status);
        Orders = await query.OrderByDescending(o => o.CreatedAt).Take(100).ToListAsync(ct);
        var ids = Orders.Select(o => o.CustomerId).Distinct().ToList();
        CustomerNames = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    public async Task<IActionResult> OnGetDetalhesAsync(Guid id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (order is null)
            return NotFound();
        var customer = await db.Customers.Where(c => c.Id == order.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var site = order.SiteId is null ? null : await db.Sites.Where(s => s.Id == order.SiteId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var productIds = order.Items.Select(i => i.ProductId).ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return Partial("_PedidoDetalhes", (order, customer, site, products));
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken ct) =>
        status == OrderStatus.Cancelled
            ? ActAsync(Permissions.CancelOrders, async () => $"Pedido {(await orders.CancelAsync(id, null, ct)).Number} cancelado.", () => AfterAction.Reload(this, "/web/pedidos"))
            : ActAsync(Permissions.DeliverOrders, async () =>
            {
                var order = await orders.ChangeStatusAsync(id, new StatusInput(status), ct);
                return $"Pedido {order.Number}: {UiFormat.OrderStatus(order.Status)}.";
            }, () => AfterAction.Reload(this, "/web/pedidos"));

    public static string? Next(string status)
    {
        var index = Array.IndexOf(OrderStatus.Forward, status);
        return index >= 0 && index < OrderStatus.Forward.Length - 1 ? OrderStatus.Forward[index + 1] : null;
    }
}
