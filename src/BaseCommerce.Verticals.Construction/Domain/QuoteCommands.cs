using BaseCommerce.Contracts.Quotes;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// The quote lifecycle: rascunho → enviada → aprovada → convertida, and cancelada from any status but convertida.
/// Only drafts are edited; an expired quote cannot be approved (or converted). Each change and its event commit together.
/// </summary>
public sealed class QuoteCommands(ConstructionDb db, IPublishEndpoint publish, Actor actor, TimeProvider clock)
{
    public async Task<Quote> CreateAsync(CotacaoInput input, CancellationToken ct)
    {
        InputRules.Check(input, creating: true);
        var discount = input.DescontoPercentual ?? 0;
        var validity = input.ValidadeDias ?? 7;
        new Validation()
            .Check(validity is >= 1 and <= 365, "validade_dias", "A validade deve ficar entre 1 e 365 dias.")
            .Check(input.Versao is null or 1, "versao", "Uma cotação nova é a versão 1; a versão só serve para atualizar uma cotação existente.")
            .ThrowIfInvalid();
        var (items, subtotal, discountValue, total) = await Lines.PriceAsync(db, input.ClienteId, input.ObraId, input.Itens, discount, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var quote = new Quote
        {
            Number = await Numbering.NextAsync(db, Numbering.Kinds.Quote, ct),
            CustomerId = input.ClienteId!.Value,
            SiteId = input.ObraId,
            DiscountPercent = discount,
            Subtotal = subtotal,
            DiscountValue = discountValue,
            Total = total,
            Notes = Text.Clean(input.Observacoes),
            ValidityDays = validity,
            ValidUntil = now.AddDays(validity),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            Items = items.Select(Lines.To<QuoteItem>).ToList(),
        };
        db.Quotes.Add(quote);
        await publish.Publish(new QuoteCreated(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, quote.Id, quote.Number,
            quote.CustomerId, actor.UserId, quote.SiteId, subtotal, discount, total, Lines.ToEvent(quote.Items)), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return quote;
    }

    /// <summary>
    /// Replaces a draft's header and items. With <c>versao</c>, an edit made on a stale copy is refused (409). The customer is
    /// fixed; <c>obra_id</c> left out keeps the site.
    /// </summary>
    public async Task<Quote> UpdateAsync(Guid id, CotacaoInput input, CancellationToken ct)
    {
        InputRules.Check(input);
        var quote = await LoadAsync(id, ct);
        if (input.ClienteId is { } other && other != quote.CustomerId)
            throw ProblemException.Fixed("cliente_id", $"A cotação {quote.Number} é de outro cliente; para este cliente, crie uma nova cotação.");
        if (quote.Status != QuoteStatus.Draft)
            throw ProblemException.Conflict("Apenas cotações em rascunho podem ser editadas.");
        if (input.Versao is { } version && version != quote.Version)
            throw Stale();
        var discount = input.DescontoPercentual ?? quote.DiscountPercent;
        var validity = input.ValidadeDias ?? quote.ValidityDays;
        if (validity is < 1 or > 365)
            new Validation().Add("validade_dias", "A validade deve ficar entre 1 e 365 dias.").ThrowIfInvalid();
        var site = input.ObraIdSent ? input.ObraId : quote.SiteId;
        var (items, subtotal, discountValue, total) = await Lines.PriceAsync(db, quote.CustomerId, site, input.Itens, discount, ct);

        db.QuoteItems.RemoveRange(quote.Items);
        quote.Items = items.Select(Lines.To<QuoteItem>).ToList();
        db.QuoteItems.AddRange(quote.Items);
        quote.SiteId = site;
        quote.DiscountPercent = discount;
        (quote.Subtotal, quote.DiscountValue, quote.Total) = (subtotal, discountValue, total);
        quote.Notes = Text.Clean(input.Observacoes);
        quote.ValidityDays = validity;
        quote.ValidUntil = quote.CreatedAt.AddDays(validity);
        await SaveAsync(quote, ct);
        return quote;
    }

    public Task<Quote> SendAsync(Guid id, CancellationToken ct) => TransitionAsync(id, QuoteStatus.Sent, ct, (quote, old, now) =>
    {
        if (quote.Status != QuoteStatus.Draft)
            throw ProblemException.Conflict("Apenas cotações em rascunho podem ser enviadas.");
        if (quote.Items.Count == 0)
            throw ProblemException.Conflict("A cotação precisa de pelo menos um item para ser enviada.");
        quote.SentAt = now;
        return new QuoteSent(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, quote.Id, quote.Number, quote.CustomerId, old, quote.Total, actor.UserId);
    });

    public Task<Quote> ApproveAsync(Guid id, CancellationToken ct) => TransitionAsync(id, QuoteStatus.Approved, ct, (quote, old, now) =>
    {
        if (quote.Status != QuoteStatus.Sent)
            throw ProblemException.Conflict("Apenas cotações enviadas podem ser aprovadas.");
        EnsureNotExpired(quote, now);
        quote.ApprovedAt = now;
        return new QuoteApproved(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, quote.Id, quote.Number, quote.CustomerId, old, quote.Total, actor.UserId);
    });

    /// <summary>Cancelling a cancelled quote changes nothing and publishes nothing.</summary>
    public async Task<Quote> CancelAsync(Guid id, CancellationToken ct)
    {
        var current = await LoadAsync(id, ct);
        if (current.Status == QuoteStatus.Cancelled)
            return current;
        return await TransitionAsync(current, QuoteStatus.Cancelled, ct, (quote, old, now) =>
        {
            if (quote.Status == QuoteStatus.Converted)
                throw ProblemException.Conflict("Não é possível cancelar uma cotação já convertida em pedido.");
            quote.CancelledAt = now;
            return new QuoteCancelled(db.Tenant.TenantId, NewId.NextGuid(), now, actor.CorrelationId, quote.Id, quote.Number, quote.CustomerId, old, quote.Total, actor.UserId);
        });
    }

    public static void EnsureNotExpired(Quote quote, DateTimeOffset now)
    {
        if (now > quote.ValidUntil)
            throw ProblemException.Conflict($"A cotação {quote.Number} venceu em {quote.ValidUntil.ToOffset(TimeSpan.FromHours(-3)):dd/MM/yyyy}; crie uma nova cotação.");
    }

    async Task<Quote> TransitionAsync(Guid id, string to, CancellationToken ct, Func<Quote, string, DateTimeOffset, object> apply) =>
        await TransitionAsync(await LoadAsync(id, ct), to, ct, apply);

    async Task<Quote> TransitionAsync(Quote quote, string to, CancellationToken ct, Func<Quote, string, DateTimeOffset, object> apply)
    {
        var now = clock.GetUtcNow();
        var old = quote.Status;
        var message = apply(quote, old, now);
        quote.Status = to;
        await publish.Publish(message, message.GetType(), ct);
        await SaveAsync(quote, ct);
        return quote;
    }

    async Task SaveAsync(Quote quote, CancellationToken ct)
    {
        quote.Version++;
        quote.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale();
        }
    }

    Task<Quote> LoadAsync(Guid id, CancellationToken ct) => LoadWithItemsAsync(db, id, ct);

    public static async Task<Quote> LoadWithItemsAsync(ConstructionDb db, Guid id, CancellationToken ct) =>
        await db.Quotes.Include(q => q.Items).SingleOrDefaultAsync(q => q.Id == id, ct) ?? throw ProblemException.NotFound("Cotação");

    static ProblemException Stale() => ProblemException.Conflict("A cotação foi alterada por outra pessoa; recarregue e tente de novo.");

}
