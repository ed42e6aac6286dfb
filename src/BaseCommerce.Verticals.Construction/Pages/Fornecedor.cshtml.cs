using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class FornecedorModel(ConstructionDb db, SupplierCommands suppliers) : WebPage
{
    public Supplier Supplier { get; private set; } = null!;
    public List<SupplierPrice> Prices { get; private set; } = [];
    Dictionary<Guid, string> _products = [];

    public string ProductName(Guid id) => _products.GetValueOrDefault(id) ?? "?";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } supplier)
            return NotFound();
        Supplier = supplier;
        Prices = await db.SupplierPrices.AsNoTracking().Where(p => p.SupplierId == id).OrderByDescending(p => p.CreatedAt).Take(200).ToListAsync(ct);
        var ids = Prices.Select(p => p.ProductId).Distinct().ToList();
        _products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, FornecedorInput input, CancellationToken ct) =>
        ActAsync(Permissions.ManageStock, async () => $"Fornecedor {(await suppliers.UpdateAsync(id, input, ct)).Name} atualizado.",
            () => AfterAction.Reload(this, $"/web/fornecedores/{id}"));
}
