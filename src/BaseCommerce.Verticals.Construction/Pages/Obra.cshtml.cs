using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class ObraModel(ConstructionDb db, CustomerCommands customers) : WebPage
{
    public Site Site { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } site)
            return NotFound();
        Site = site;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, ObraInput input, CancellationToken ct) =>
        ActAsync(Permissions.ManageCustomers, async () => $"Obra {(await customers.UpdateSiteAsync(id, input, ct)).Name} atualizada.",
            () => AfterAction.Reload(this, $"/web/obras/{id}"));
}
