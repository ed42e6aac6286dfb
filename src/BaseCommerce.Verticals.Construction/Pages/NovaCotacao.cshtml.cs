using BaseCommerce.Verticals.Construction.Api;
using BaseCommerce.Verticals.Construction.Web;
using Microsoft.AspNetCore.Mvc;

namespace BaseCommerce.Verticals.Construction.Pages;

/// <summary>
/// The new-quote wizard: customer (search or quick create), site, products with live totals, review, save or send.
/// Every step is saved in <c>construction.assistentes_cotacao</c>, so a restart or another replica loses nothing. The row
/// is written by the first change, not by the visit: <c>/web/cotacoes/nova</c> shows an empty wizard, and its first
/// accepted step stores it and moves the address to <c>/web/cotacoes/nova/{id}</c>.
/// </summary>
public sealed class NovaCotacaoModel(ConstructionDb db, QuoteWizard wizards, QuoteCommands quotes, CustomerCommands customers) : WebPage
{
    [FromRoute] public Guid? Wizard { get; set; }
    public WizardState State { get; private set; } = new();
    public Customer? Customer { get; private set; }
    public List<Site> Sites { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>"Clientes também levam": complements of the cart's products, from the Sales engine's projected lists.</summary>
    public IReadOnlyList<Insights.CartSuggestion> Suggestions { get; private set; } = [];

    /// <summary>Where this wizard's steps are posted: the stored wizard's address once it has one.</summary>
    public string StepsUrl => Wizard is null ? "/web/cotacoes/nova" : $"/web/cotacoes/nova/{Wizard}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await MayAsync(Permissions.SellQuotes))
        {
            FlashError = "Você não tem permissão para criar cotações.";
            return Redirect("/web/cotacoes");
        }
        return await LoadAsync(ct) ? Page() : Redirect("/web/cotacoes/nova");
    }

    public async Task<IActionResult> OnGetBuscarClientesAsync(string? q, CancellationToken ct)
    {
        var found = string.IsNullOrWhiteSpace(q) ? [] : await db.Customers.AsNoTracking().Matching(SearchTerm.Of(q))
            .OrderBy(c => c.Name).Take(10).ToListAsync(ct);
        return Partial("_Resultados", (IReadOnlyList<(string, string)>)found
            .Select(c => ($"{StepsUrl}?handler=Cliente&id={c.Id}", $"{c.Name} · {CustomerCommands.FormatDocument(c.Document)} · {c.City}")).ToList());
    }

    public async Task<IActionResult> OnGetBuscarProdutosAsync(string? q, CancellationToken ct)
    {
        var found = string.IsNullOrWhiteSpace(q) ? [] : await db.Products.AsNoTracking().Where(p => p.Active).Matching(SearchTerm.Of(q))
            .OrderBy(p => p.Name).Take(10).ToListAsync(ct);
        return Partial("_Resultados", (IReadOnlyList<(string, string)>)found
            .Select(p => ($"{StepsUrl}?handler=Adicionar&id={p.Id}", $"{p.Code} {p.Name} · {UiFormat.Money(p.BasePrice)}/{p.Unit}")).ToList());
    }

    public Task<IActionResult> OnPostClienteAsync(Guid id, CancellationToken ct) => ChangeAsync(async s =>
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, ct))
            throw ProblemException.NotFound("Cliente");
        s.CustomerId = id;
        s.SiteId = null;
    }, ct);

    public Task<IActionResult> OnPostTrocarClienteAsync(CancellationToken ct) => ChangeAsync(s =>
    {
        s.CustomerId = null;
        s.SiteId = null;
        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostNovoClienteAsync(string? tipo, string? nome, string? documento, string? telefone, string? cidade, string? estado,
        CancellationToken ct) => ChangeAsync(async s =>
    {
        if (!await MayAsync(Permissions.ManageCustomers))
            throw new ProblemException(StatusCodes.Status403Forbidden, "Forbidden", "Você não tem permissão para cadastrar clientes.");
        var customer = await customers.CreateAsync(new ClienteInput(tipo, nome, documento, Telefone: telefone, Cidade: cidade, Estado: estado), ct);
        s.CustomerId = customer.Id;
        s.SiteId = null;
    }, ct);

    public Task<IActionResult> OnPostObraAsync(Guid? obraId, CancellationToken ct) => ChangeAsync(async s =>
    {
        if (obraId is { } site && !await db.Sites.AnyAsync(x => x.Id == site && x.CustomerId == s.CustomerId, ct))
            throw ProblemException.NotFound("Obra");
        s.SiteId = obraId;
    }, ct);

    public Task<IActionResult> OnPostAdicionarAsync(Guid id, CancellationToken ct) => ChangeAsync(async s =>
    {
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.Active, ct) ?? throw ProblemException.NotFound("Produto");
        if (s.Lines.Count >= Lines.MaxItems)
            throw ProblemException.Conflict($"No máximo {Lines.MaxItems} itens por cotação.");
        s.Lines.Add(new WizardLine { ProductId = product.Id, Name = product.Name, Unit = product.Unit, Quantity = 1, UnitPrice = product.BasePrice });
    }, ct);

    public Task<IActionResult> OnPostItemAsync(int indice, string? quantidade, string? preco, string? desconto, CancellationToken ct) => ChangeAsync(s =>
    {
        if (indice < 0 || indice >= s.Lines.Count)
            throw ProblemException.NotFound("Item");
        var line = s.Lines[indice];
        var qty = UiFormat.ParseDecimal(quantidade);
        var price = UiFormat.ParseDecimal(preco);
        var disc = UiFormat.ParseDecimal(desconto) ?? 0;
        new Validation()
            .Check(qty is > 0 and < 1_000_000_000m && decimal.Round(qty.Value, 3) == qty, "quantidade", $"Quantidade de {line.Name} inválida: use um número maior que zero.")
            .Check(price is >= 0 and < 10_000_000_000m && decimal.Round(price.Value, 2) == price, "preco", $"Preço de {line.Name} inválido.")
            .Check(disc is >= 0 and <= 100, "desconto", $"O desconto de {line.Name} deve ficar entre 0 e 100%.")
            .ThrowIfInvalid();
        (line.Quantity, line.UnitPrice, line.DiscountPercent) = (qty!.Value, price!.Value, disc);
        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostRemoverAsync(int indice, CancellationToken ct) => ChangeAsync(s =>
    {
        if (indice >= 0 && indice < s.Lines.Count)
            s.Lines.RemoveAt(indice);
        return Task.CompletedTask;
    }, ct);

    public Task<IActionResult> OnPostCabecalhoAsync(string? desconto, int? validade, string? observacoes, CancellationToken ct) => ChangeAsync(s =>
    {
        var disc = UiFormat.ParseDecimal(desconto) ?? 0;
        new Validation()
            .Check(disc is >= 0 and <= 100, "desconto", "O desconto geral deve ficar entre 0 e 100%.")
            .Check(validade is null or (>= 1 and <= 365), "validade", "A validade deve ficar entre 1 e 365 dias.")
            .ThrowIfInvalid();
        s.DiscountPercent = disc;
        s.ValidityDays = validade ?? s.ValidityDays;
        s.Notes = Text.Clean(observacoes);
        return Task.CompletedTask;
    }, ct);

    public async Task<IActionResult> OnPostSalvarAsync(bool enviar, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return Redirect("/web/cotacoes/nova");
        try
        {
            var quote = await quotes.CreateAsync(State.ToInput(), ct);
            if (enviar)
                quote = await quotes.SendAsync(quote.Id, ct);
            if (Wizard is { } stored)
                await wizards.DeleteAsync(stored, UserId, ct);
            Flash = enviar ? $"Cotação {quote.Number} salva e enviada." : $"Cotação {quote.Number} salva como rascunho.";
            return Redirect($"/web/cotacoes/{quote.Id}");
        }
        catch (ProblemException e)
        {
            Error = e.ForPeople;
            Response.StatusCode = e.Status;
            return Page();
        }
    }

    /// <summary>Applies one step to the stored state and re-renders the wizard; a refused step shows why and changes nothing.</summary>
    async Task<IActionResult> ChangeAsync(Func<WizardState, Task> change, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        try
        {
            await change(State);
            if (Wizard is { } stored)
                await wizards.SaveAsync(stored, UserId, State, ct);
            else
            {
                Wizard = await wizards.CreateAsync(UserId, State, ct);
                Response.Headers["HX-Replace-Url"] = StepsUrl; // later steps, a reload or another tab continue this wizard
            }
            await LoadAsync(ct);
        }
        catch (ProblemException e)
        {
            await LoadAsync(ct); // back to what is stored
            Error = e.ForPeople;
            Response.StatusCode = e.Status;
        }
        return Partial("_Wizard", this);
    }

    /// <summary>The stored state, or an empty one for a wizard not stored yet; false when the address names no wizard of this person.</summary>
    async Task<bool> LoadAsync(CancellationToken ct)
    {
        var state = Wizard is { } id ? await wizards.LoadAsync(id, UserId, ct) : new WizardState();
        if (state is null)
            return false;
        State = state;
        Customer = state.CustomerId is { } c ? await db.Customers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == c, ct) : null;
        Sites = Customer is null ? [] : await db.Sites.AsNoTracking().Where(s => s.CustomerId == Customer.Id && s.Active).OrderBy(s => s.Name).ToListAsync(ct);
        Suggestions = await Insights.CartSuggestions.ForAsync(db, [.. state.Lines.Select(l => l.ProductId).Distinct()], 5, ct);
        return true;
    }
}
