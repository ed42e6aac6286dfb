using BaseCommerce.Contracts.Settings;
using BaseCommerce.Engines.Stock.Data;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>The store's service level, lead time and safety margin: saved, then every product re-assessed with them.</summary>
public sealed class SettingsConsumer(StockDb db, StockAdvisor advisor, StockFacts facts) : IConsumer<StoreSettingsChanged>
{
    public async Task Consume(ConsumeContext<StoreSettingsChanged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var tenant = db.Tenant.TenantId;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.settings (tenant_id, service_level, lead_time_days, safety_percent) VALUES ({tenant}, {m.ServiceLevel}, {m.LeadTimeDays}, {m.SafetyPercent})
            ON CONFLICT (tenant_id) DO UPDATE SET service_level = EXCLUDED.service_level, lead_time_days = EXCLUDED.lead_time_days,
                safety_percent = EXCLUDED.safety_percent
            """, ct);
        await facts.MarkDirtyAsync(await advisor.ChangedProductsAsync(ct), m.CorrelationId, ct);
    }
}
