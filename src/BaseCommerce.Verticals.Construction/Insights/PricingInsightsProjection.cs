using System.Text.Json;
using BaseCommerce.Contracts.Pricing;
using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>Projects the Pricing engine's events into the vertical's read tables; an older event never overwrites a newer row.</summary>
public sealed class PricingInsightsProjection(ConstructionDb db) :
    IConsumer<SupplierComparisonUpdated>, IConsumer<BestSupplierChanged>, IConsumer<SuggestedPriceUpdated>, IConsumer<PriceAlertRaised>
{
    Guid Tenant => db.Tenant.TenantId;

    public Task Consume(ConsumeContext<SupplierComparisonUpdated> context)
    {
        var m = context.Message;
        var quotes = JsonSerializer.Serialize(m.Quotes);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_comparacao_precos (tenant_id, product_id, quotes, event_at) VALUES ({Tenant}, {m.ProductId}, {quotes}::jsonb, {m.OccurredAt})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET quotes = EXCLUDED.quotes, event_at = EXCLUDED.event_at
            WHERE insight_comparacao_precos.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<BestSupplierChanged> context)
    {
        var m = context.Message;
        var alternatives = m.Alternatives.ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_melhor_fornecedor (tenant_id, product_id, supplier_id, price, minimum_quantity, stable, alternatives, explanation, event_at)
            VALUES ({Tenant}, {m.ProductId}, {m.SupplierId}, {m.Price}, {m.MinimumQuantity}, {m.Stable}, {alternatives}, {m.Explanation}, {m.OccurredAt})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET supplier_id = EXCLUDED.supplier_id, price = EXCLUDED.price,
                minimum_quantity = EXCLUDED.minimum_quantity, stable = EXCLUDED.stable, alternatives = EXCLUDED.alternatives,
                explanation = EXCLUDED.explanation, event_at = EXCLUDED.event_at
            WHERE insight_melhor_fornecedor.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<SuggestedPriceUpdated> context)
    {
        var m = context.Message;
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_preco_sugerido (tenant_id, product_id, base_cost, suggested_price, current_price, current_margin, below_minimum,
                explanation, event_at)
            VALUES ({Tenant}, {m.ProductId}, {m.BaseCost}, {m.SuggestedPrice}, {m.CurrentPrice}, {m.CurrentMarginPercent}, {m.BelowMinimumMargin},
                {m.Explanation}, {m.OccurredAt})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET base_cost = EXCLUDED.base_cost, suggested_price = EXCLUDED.suggested_price,
                current_price = EXCLUDED.current_price, current_margin = EXCLUDED.current_margin, below_minimum = EXCLUDED.below_minimum,
                explanation = EXCLUDED.explanation, event_at = EXCLUDED.event_at
            WHERE insight_preco_sugerido.event_at <= EXCLUDED.event_at
            """, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<PriceAlertRaised> context)
    {
        var m = context.Message;
        var rank = (int)Math.Round(Math.Abs(m.ChangePercent) * 100);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO construction.insight_alertas_preco (id, tenant_id, supplier_id, product_id, previous_price, new_price, change_percent, change_rank, kind,
                explanation, raised_at)
            VALUES ({m.AlertId}, {Tenant}, {m.SupplierId}, {m.ProductId}, {m.PreviousPrice}, {m.NewPrice}, {m.ChangePercent}, {rank}, {m.Kind},
                {m.Explanation}, {m.OccurredAt})
            ON CONFLICT (id) DO NOTHING
            """, context.CancellationToken);
    }
}
