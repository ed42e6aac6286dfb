using System.Text.Json;
using BaseCommerce.Contracts.Pricing;
using BaseCommerce.Engines.Pricing.Data;
using MassTransit;

namespace BaseCommerce.Engines.Pricing.Domain;

/// <summary>
/// Keeps the price history and re-derives a product (comparison, best supplier, suggested price) after each change,
/// publishing only what changed; a registration that moves 10% or more raises a price alert.
/// </summary>
public sealed class PricingAdvisor(PricingDb db, IPublishEndpoint publish, TimeProvider clock)
{
    Guid Tenant => db.Tenant.TenantId;

    public Task UpsertProductAsync(Guid productId, string name, decimal salePrice, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO pricing.products (tenant_id, product_id, name, sale_price) VALUES ({Tenant}, {productId}, {name}, {salePrice})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET name = EXCLUDED.name, sale_price = EXCLUDED.sale_price
            """, ct);

    public async Task<bool> ChangeSalePriceAsync(Guid productId, decimal salePrice, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"UPDATE pricing.products SET sale_price = {salePrice} WHERE tenant_id = {Tenant} AND product_id = {productId}", ct) > 0;

    /// <summary>Records a registration once per event; raises its alert when it moved 10% or more from the supplier's previous price.</summary>
    public async Task<bool> RegisterAsync(Guid eventId, Guid supplierId, Guid productId, decimal price, decimal? previous, decimal? minimum,
        DateTimeOffset at, Guid correlationId, CancellationToken ct)
    {
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO pricing.supplier_prices (tenant_id, event_id, supplier_id, product_id, price, previous_price, minimum_quantity, registered_at)
            VALUES ({Tenant}, {eventId}, {supplierId}, {productId}, {price}, {previous}, {minimum}, {at}) ON CONFLICT DO NOTHING
            """, ct);
        if (inserted == 0)
            return false;
        if (previous is { } old && PricingRules.Alert(old, price) is var (percent, kind))
        {
            await publish.Publish(new PriceAlertRaised(Tenant, NewId.NextGuid(), clock.GetUtcNow(), correlationId, eventId, supplierId, productId, old, price,
                percent, kind, PricingRules.AlertExplanation(old, price, percent)), ct);
        }
        return true;
    }

    public async Task AssessAsync(Guid productId, Guid correlationId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({Tenant.ToString() + "pricing" + productId}, 0))", ct);
        var now = clock.GetUtcNow();
        var history = await db.Database.SqlQuery<PricePoint>($"""
            SELECT supplier_id AS "SupplierId", price AS "Price", minimum_quantity AS "MinimumQuantity", registered_at AS "At"
            FROM pricing.supplier_prices WHERE tenant_id = {Tenant} AND product_id = {productId} ORDER BY registered_at, event_id
            """).ToListAsync(ct);
        var quotes = PricingRules.Compare(history, now);
        if (await ChangedAsync("comparacao", productId, quotes, now, ct))
            await publish.Publish(new SupplierComparisonUpdated(Tenant, NewId.NextGuid(), now, correlationId, productId, quotes), ct);
        if (PricingRules.Best(quotes) is not var (best, alternatives))
            return;
        var stable = best.Stability == "estavel";
        if (await ChangedAsync("melhor", productId, new { best.SupplierId, best.Price, best.MinimumQuantity, stable, a = alternatives.Select(a => a.SupplierId) }, now, ct))
            await publish.Publish(new BestSupplierChanged(Tenant, NewId.NextGuid(), now, correlationId, productId, best.SupplierId, best.Price,
                best.MinimumQuantity, stable, [.. alternatives.Select(a => a.SupplierId)], PricingRules.BestExplanation(best)), ct);

        var salePrice = await db.Database.SqlQuery<decimal?>($"""
            SELECT sale_price AS "Value" FROM pricing.products WHERE tenant_id = {Tenant} AND product_id = {productId}
            """).SingleOrDefaultAsync(ct);
        if (salePrice is not { } sale)
            return; // the product's registration has not arrived: its price is suggested when it does
        var margins = await MarginsAsync(ct);
        var (suggested, margin, below) = PricingRules.Suggest(best.Price, sale, margins);
        if (await ChangedAsync("sugerido", productId, new { best.Price, suggested, sale, below }, now, ct))
            await publish.Publish(new SuggestedPriceUpdated(Tenant, NewId.NextGuid(), now, correlationId, productId, best.Price, suggested, sale, margin, below,
                PricingRules.SuggestionExplanation(best.Price, suggested, margin, below, margins)), ct);
    }

    public async Task<IReadOnlyList<Guid>> ProductsWithPricesAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<Guid>($"SELECT DISTINCT product_id AS \"Value\" FROM pricing.supplier_prices WHERE tenant_id = {Tenant} ORDER BY 1").ToListAsync(ct);

    public Task SaveMarginsAsync(Margins margins, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO pricing.settings (tenant_id, target_margin, minimum_margin, maximum_margin) VALUES ({Tenant}, {margins.Target}, {margins.Minimum}, {margins.Maximum})
            ON CONFLICT (tenant_id) DO UPDATE SET target_margin = EXCLUDED.target_margin, minimum_margin = EXCLUDED.minimum_margin,
                maximum_margin = EXCLUDED.maximum_margin
            """, ct);

    async Task<Margins> MarginsAsync(CancellationToken ct) =>
        await db.Database.SqlQuery<Margins>($"""
            SELECT target_margin AS "Target", minimum_margin AS "Minimum", maximum_margin AS "Maximum" FROM pricing.settings WHERE tenant_id = {Tenant}
            """).SingleOrDefaultAsync(ct) ?? new Margins();

    async Task<bool> ChangedAsync(string kind, Guid productId, object state, DateTimeOffset now, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(state);
        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO pricing.published (tenant_id, kind, product_id, state, updated_at) VALUES ({Tenant}, {kind}, {productId}, {json}::jsonb, {now})
            ON CONFLICT (tenant_id, kind, product_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at
            WHERE published.state IS DISTINCT FROM EXCLUDED.state
            """, ct) > 0;
    }
}
