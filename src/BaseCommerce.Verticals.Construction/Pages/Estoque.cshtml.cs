using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class EstoqueModel(ConstructionDb db, StockCommands stock) : WebPage
{
    public List<(Product Product, decimal Quantity)> Levels { get; private set; } = [];
    public List<Supplier> Suppliers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var products = await db.Products.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name).Take(500).ToListAsync(ct);
        var levels = await db.StockLevels.AsNoTracking().ToDictionaryAsync(l => l.ProductId, l => l.Quantity, ct);
        Levels = products.Select(p => (p, levels.GetValueOrDefault(p.Id))).ToList();
        Suppliers = await db.Suppliers.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).ToListAsync(ct);
    }

    public Task<IActionResult> OnPostEntradaAsync(Guid produtoId, string? quantidade, Guid? fornecedorId, string? custo, CancellationToken ct) =>
        ActAsync(Permissions.ManageStock, async () =>
        {
            var movement = await stock.ReceiveAsync(new EntradaEstoqueInput(produtoId, UiFormat.ParseDecimal(quantidade), fornecedorId, UiFormat.ParseDecimal(custo)), ct);
            return $"Entrada registrada: estoque agora {UiFormat.Quantity(movement.QuantityAfter)}.";
        }, () => AfterAction.Reload(this, "/web/estoque"));

    public Task<IActionResult> OnPostAjusteAsync(Guid produtoId, string? quantidade, string? motivo, CancellationToken ct) =>
        ActAsync(Permissions.ManageStock, async () =>
        {
            var movement = await stock.AdjustAsync(new AjusteEstoqueInput(produtoId, UiFormat.ParseDecimal(quantidade), motivo), ct);
            return $"Ajuste registrado: estoque agora {UiFormat.Quantity(movement.QuantityAfter)}.";
        }, () => AfterAction.Reload(this, "/web/estoque"));
}
