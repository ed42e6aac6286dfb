using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class CotacaoModel(ConstructionDb db, QuoteCommands quotes, OrderCommands orders) : WebPage
{
    public Quote Quote { get; private set; } = null!;
    public string CustomerName { get; private set; } = "";
    public string? SiteName { get; private set; }
    public Dictionary<Guid, string> ProductNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var quote = await db.Quotes.AsNoTracking().Include(q => q.Items).SingleOrDefaultAsync(q => q.Id == id, ct);
        if (quote is null)
            return NotFound();
        Quote = quote;
        CustomerName = await db.Customers.Where(c => c.Id == quote.CustomerId).Select(c => c.Name).SingleAsync(ct);
        SiteName = quote.SiteId is null ? null : await db.Sites.Where(s => s.Id == quote.SiteId).Select(s => s.Name).SingleOrDefaultAsync(ct);
        var ids = quote.Items.Select(i => i.ProductId).ToList();
        ProductNames = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return Page();
    }

    public Task<IActionResult> OnPostEnviarAsync(Guid id, CancellationToken ct) =>
        ActAsync(Permissions.SellQuotes, async () => $"Cotação {(await quotes.SendAsync(id, ct)).Number} enviada.", () => AfterAction.Reload(this, $"/web/cotacoes/{id}"));

    public Task<IActionResult> OnPostAprovarAsync(Guid id, CancellationToken ct) =>
        ActAsync(Permissions.ApproveQuotes, async () => $"Cotação {(await quotes.ApproveAsync(id, ct)).Number} aprovada.", () => AfterAction.Reload(this, $"/web/cotacoes/{id}"));

    public Task<IActionResult> OnPostCancelarAsync(Guid id, CancellationToken ct) =>
        ActAsync(Permissions.CancelQuotes, async () => $"Cotação {(await quotes.CancelAsync(id, ct)).Number} cancelada.", () => AfterAction.Reload(this, $"/web/cotacoes/{id}"));

    public async Task<IActionResult> OnPostConverterAsync(Guid id, CancellationToken ct)
    {
        var converted = false;
        return await ActAsync(Permissions.CreateOrders, async () =>
        {
            var (order, _) = await orders.ConvertAsync(id, ct);
            converted = true;
            return $"Pedido {order.Number} criado a partir da cotação.";
        }, () => AfterAction.Reload(this, converted ? "/web/pedidos" : $"/web/cotacoes/{id}"));
    }
}
