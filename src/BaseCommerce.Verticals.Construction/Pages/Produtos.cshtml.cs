using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class ProdutosModel(ConstructionDb db, ProductCommands products) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Busca { get; set; }
    public List<Product> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Busca))
        {
            query = query.Matching(SearchTerm.Of(Busca));
        }
        Products = await query.OrderBy(p => p.Name).Take(200).ToListAsync(ct);
    }

    public Task<IActionResult> OnPostCriarAsync(string? codigo, string? nome, string? unidade, string? preco, string? peso, CancellationToken ct) =>
        ActAsync(Permissions.ManageProducts, async () =>
        {
            var price = UiFormat.ParseDecimal(preco);
            if (price is null)
                new Validation().Add("preco_base", "Informe o preço, por exemplo 32,90.").ThrowIfInvalid();
            var product = await products.CreateAsync(new ProdutoInput(codigo, nome, unidade, price, PesoKg: UiFormat.ParseDecimal(peso)), ct);
            return $"Produto {product.Name} cadastrado.";
        }, () => AfterAction.Reload(this, "/web/produtos"));
}
