using System.Text.Json;
using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Web;

/// <summary>A row of <c>construction.assistentes_cotacao</c>: one person's quote in the making.</summary>
public sealed class WizardRow : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public string State { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>What the wizard has gathered so far; becomes a <see cref="CotacaoInput"/> when saved.</summary>
public sealed class WizardState
{
    public Guid? CustomerId { get; set; }
    public Guid? SiteId { get; set; }
    public decimal DiscountPercent { get; set; }
    public int ValidityDays { get; set; } = 7;
    public string? Notes { get; set; }
    public List<WizardLine> Lines { get; set; } = [];

    public CotacaoInput ToInput() => new(CustomerId,
        Lines.Select(l => new ItemInput(l.ProductId, l.Quantity, l.UnitPrice, l.DiscountPercent)).ToList(), DiscountPercent, Notes, ValidityDays)
    { ObraId = SiteId };
}

public sealed class WizardLine
{
    public Guid ProductId { get; set; }
    public string Name { get; set; } = "";
    public string Unit { get; set; } = "";
    public decimal Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; }
    public decimal DiscountPercent { get; set; }
    public decimal Total => LineMath.LineTotal(Quantity, UnitPrice, DiscountPercent);
}

/// <summary>Loads and saves wizard state in the database, per store and person (row-level security applies).</summary>
public sealed class QuoteWizard(ConstructionDb db, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A draft untouched for this long is abandoned.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

    /// <summary>Deletes this store's abandoned drafts; returns how many.</summary>
    public Task<int> PurgeStaleAsync(CancellationToken ct)
    {
        var stale = clock.GetUtcNow() - StaleAfter;
        return db.Set<WizardRow>().Where(w => w.UpdatedAt < stale).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Stores a wizard's first change: a visit alone writes nothing, so a person who opens the wizard and leaves leaves no
    /// row behind. Abandoned wizards of this store are cleaned up as new ones are stored.
    /// </summary>
    public async Task<Guid> CreateAsync(Guid userId, WizardState state, CancellationToken ct)
    {
        await PurgeStaleAsync(ct);
        var row = new WizardRow { UserId = userId, State = JsonSerializer.Serialize(state, Json), CreatedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
        db.Set<WizardRow>().Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }

    public async Task<WizardState?> LoadAsync(Guid id, Guid userId, CancellationToken ct)
    {
        var row = await db.Set<WizardRow>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id && w.UserId == userId, ct);
        return row is null ? null : JsonSerializer.Deserialize<WizardState>(row.State, Json);
    }

    public async Task SaveAsync(Guid id, Guid userId, WizardState state, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(state, Json);
        var now = clock.GetUtcNow();
        var updated = await db.Set<WizardRow>().Where(w => w.Id == id && w.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.State, json).SetProperty(w => w.UpdatedAt, now), ct);
        if (updated == 0)
            throw ProblemException.NotFound("Cotação em preparo");
    }

    public Task DeleteAsync(Guid id, Guid userId, CancellationToken ct) =>
        db.Set<WizardRow>().Where(w => w.Id == id && w.UserId == userId).ExecuteDeleteAsync(ct);
}
