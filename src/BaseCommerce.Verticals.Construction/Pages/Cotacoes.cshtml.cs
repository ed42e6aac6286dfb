using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

public sealed class CotacoesModel(ConstructionDb db) : WebPage
{
    const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cliente { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Desde { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Ate { get; set; }
    [BindProperty(SupportsGet = true)] public int Pagina { get; set; } = 1;
    public int Paginas { get; private set; } = 1;
    public List<Quote> Quotes { get; private set; } = [];
    public Dictionary<Guid, string> CustomerNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Quotes.AsNoTracking();
        if (!string.IsNullOrEmpty(Status) && QuoteStatus.All.Contains(Status))
            query = query.Where(q => q.Status == Status);
        if (!string.IsNullOrWhiteSpace(Cliente))
        {
            var customers = db.Customers.Matching(SearchTerm.Of(Cliente)).Select(c => c.Id);
            query = query.Where(q => customers.Contains(q.CustomerId));
        }
        if (Desde is { } from) query = query.Where(q => q.CreatedAt >= StoreDay(from));
        if (Ate is { } until) query = query.Where(q => q.CreatedAt < StoreDay(until.AddDays(1)));
        var total = await query.CountAsync(ct);
        Paginas = Math.Max(1, (total + PageSize - 1) / PageSize);
        Pagina = Math.Clamp(Pagina, 1, Paginas);
        Quotes = await query.OrderByDescending(q => q.CreatedAt).Skip((Pagina - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = Quotes.Select(q => q.CustomerId).Distinct().ToList();
        CustomerNames = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    public string PageUrl(int page) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/web/cotacoes", new Dictionary<string, string?>
        {
            ["status"] = Status, ["cliente"] = Cliente, ["desde"] = Desde?.ToString("yyyy-MM-dd"), ["ate"] = Ate?.ToString("yyyy-MM-dd"), ["pagina"] = page.ToString(),
        }.Where(p => !string.IsNullOrEmpty(p.Value)));

    static DateTimeOffset StoreDay(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Domain.Dashboard.StoreOffset).ToUniversalTime();
}
