using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class ClientesModel(ConstructionDb db, CustomerCommands customers) : WebPage
{
    [BindProperty(SupportsGet = true)] public string? Busca { get; set; }
    public List<Customer> Customers { get; private set; } = [];
    Dictionary<Guid, List<string>> _sites = [];

    public IEnumerable<string> SitesOf(Guid customer) => _sites.GetValueOrDefault(customer) ?? [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Busca))
        {
            query = query.Matching(SearchTerm.Of(Busca), email: true);
        }
        Customers = await query.OrderBy(c => c.Name).Take(200).ToListAsync(ct);
        var ids = Customers.Select(c => c.Id).ToList();
        _sites = (await db.Sites.AsNoTracking().Where(s => ids.Contains(s.CustomerId)).ToListAsync(ct))
            .GroupBy(s => s.CustomerId).ToDictionary(g => g.Key, g => g.Select(s => s.Name).ToList());
    }

    public Task<IActionResult> OnPostCriarAsync(ClienteInput input, CancellationToken ct) =>
        ActAsync(Permissions.ManageCustomers, async () => $"Cliente {(await customers.CreateAsync(input, ct)).Name} cadastrado.", () => AfterAction.Reload(this, "/web/clientes"));

    public Task<IActionResult> OnPostCriarObraAsync(ObraInput input, CancellationToken ct) =>
        ActAsync(Permissions.ManageCustomers, async () => $"Obra {(await customers.CreateSiteAsync(input, ct)).Name} cadastrada.", () => AfterAction.Reload(this, "/web/clientes"));
}
