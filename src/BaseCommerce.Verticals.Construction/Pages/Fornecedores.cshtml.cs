using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class FornecedoresModel(ConstructionDb db, SupplierCommands suppliers) : WebPage
{
    public List<Supplier> Suppliers { get; private set; } = [];
    public List<Product> Products { get; private set; } = [];
    List<SupplierPrice> _prices = [];

    public IEnumerable<SupplierPrice> PricesOf(Guid supplier) => _prices.Where(p => p.SupplierId == supplier);
    public string ProductName(Guid id) => Products.FirstOrDefault(p => p.Id == id)?.Name ?? "?";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Suppliers = await db.Suppliers.AsNoTracking().OrderBy(s => s.Name).Take(200).ToListAsync(ct);
        Products = await db.Products.AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name).Take(500).ToListAsync(ct);
        _prices = await db.SupplierPrices.AsNoTracking().Where(p => p.Valid).ToListAsync(ct);
    }

    public Task<IActionResult> OnPostCriarAsync(FornecedorInput input, CancellationToken ct) =>
        ActAsync(Permissions.ManageStock, async () => $"Fornecedor {(await suppliers.CreateAsync(input, ct)).Name} cadastrado.", () => AfterAction.Reload(this, "/web/fornecedores"));

    public Task<IActionResult> OnPostPrecoAsync(Guid fornecedorId, Guid produtoId, string? preco, int? prazo, CancellationToken ct) =>
        ActAsync(Permissions.ManageStock, async () =>
        {
            var price = await suppliers.RegisterPriceAsync(fornecedorId, new PrecoFornecedorInput(produtoId, UiFormat.ParseDecimal(preco), PrazoPagamento: prazo), ct);
            return $"Preço de {UiFormat.Money(price.Price)} registrado.";
        }, () => AfterAction.Reload(this, "/web/fornecedores"));
}
