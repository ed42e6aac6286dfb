using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class ProdutoModel(ConstructionDb db, ProductCommands products) : WebPage
{
    public Product Product { get; private set; } = null!;
    public List<PriceChange> History { get; private set; } = [];
    public List<(string Supplier, SupplierPrice Price)> SupplierPrices { get; private set; } = [];
    public Insights.ProductStockView? Stock { get; private set; }
    public List<(Insights.SuggestionView Suggestion, string? Name)> Complements { get; private set; } = [];
    public Api.PrecosProdutoResponse? Prices { get; private set; }
    public List<(Insights.SuggestionView Suggestion, string? Name)> Substitutes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } product)
            return NotFound();
        Product = product;
        Stock = await db.ProductStock.AsNoTracking().SingleOrDefaultAsync(s => s.ProductId == id, ct);
        Prices = await Api.PricingInsightEndpoints.ForProductAsync(db, id, ct);
        var lists = await (from s in db.SalesSuggestions.AsNoTracking()
                           where s.OwnerId == id && (s.Kind == Insights.SuggestionKinds.Complements || s.Kind == Insights.SuggestionKinds.Substitutes)
                           join p in db.Products.AsNoTracking() on s.ProductId equals p.Id
                           orderby s.Position
                           select new { s, p.Name }).ToListAsync(ct);
        Complements = [.. lists.Where(l => l.s.Kind == Insights.SuggestionKinds.Complements).Select(l => (l.s, (string?)l.Name))];
        Substitutes = [.. lists.Where(l => l.s.Kind == Insights.SuggestionKinds.Substitutes).Select(l => (l.s, (string?)l.Name))];
        History = await db.PriceChanges.AsNoTracking().Where(c => c.ProductId == id).OrderByDescending(c => c.CreatedAt).Take(50).ToListAsync(ct);
        SupplierPrices = (await (from p in db.SupplierPrices.AsNoTracking()
                                 join s in db.Suppliers.AsNoTracking() on p.SupplierId equals s.Id
                                 where p.ProductId == id && p.Valid
                                 orderby p.Price
                                 select new { s.Name, Price = p }).ToListAsync(ct)).Select(x => (x.Name, x.Price)).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, string? codigo, string? nome, string? unidade, string? preco, string? peso, bool? ativo, CancellationToken ct) =>
        ActAsync(Permissions.ManageProducts, async () =>
        {
            var price = UiFormat.ParseDecimal(preco);
            if (price is null)
                new Validation().Add("preco_base", "Informe o preço, por exemplo 32,90.").ThrowIfInvalid();
            var product = await products.UpdateAsync(id, new ProdutoInput(codigo, nome, unidade, price, PesoKg: UiFormat.ParseDecimal(peso), Ativo: ativo), ct);
            return $"Produto {product.Name} atualizado.";
        }, () => AfterAction.Reload(this, $"/web/produtos/{id}"));
}
