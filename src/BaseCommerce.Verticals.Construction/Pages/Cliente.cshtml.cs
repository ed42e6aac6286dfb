using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class ClienteModel(ConstructionDb db, CustomerCommands customers) : WebPage
{
    public Customer Customer { get; private set; } = null!;
    public List<Site> Sites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } customer)
            return NotFound();
        Customer = customer;
        Sites = await db.Sites.AsNoTracking().Where(s => s.CustomerId == id).OrderBy(s => s.Name).ToListAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, ClienteInput input, CancellationToken ct) =>
        ActAsync(Permissions.ManageCustomers, async () => $"Cliente {(await customers.UpdateAsync(id, input, ct)).Name} atualizado.",
            () => AfterAction.Reload(this, $"/web/clientes/{id}"));
}
