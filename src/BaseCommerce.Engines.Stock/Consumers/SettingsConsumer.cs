using BaseCommerce.Contracts.Settings;
using BaseCommerce.Engines.Stock.Data;
using BaseCommerce.Engines.Stock.Domain;
using MassTransit;

namespace BaseCommerce.Engines.Stock.Consumers;

/// <summary>
/// The store's service level, lead time, safety margin and time zone (its calendar days; an event without one keeps the
/// stored zone): saved, then every product re-assessed with them.
/// </summary>
public sealed class SettingsConsumer(StockDb db, StockAdvisor advisor, StockFacts facts) : IConsumer<StoreSettingsChanged>
{
    public async Task Consume(ConsumeContext<StoreSettingsChanged> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var tenant = db.Tenant.TenantId;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stock.settings (tenant_id, service_level, lead_time_days, safety_percent, time_zone)
            VALUES ({tenant}, {m.ServiceLevel}, {m.LeadTimeDays}, {m.SafetyPercent}, {m.TimeZone ?? StockParameters.DefaultTimeZone})
            ON CONFLICT (tenant_id) DO UPDATE SET service_level = EXCLUDED.service_level, lead_time_days = EXCLUDED.lead_time_days,
                safety_percent = EXCLUDED.safety_percent, time_zone = coalesce({m.TimeZone}, settings.time_zone)
            """, ct);
        await facts.MarkDirtyAsync(await advisor.ChangedProductsAsync(ct), m.CorrelationId, ct);
    }
}
