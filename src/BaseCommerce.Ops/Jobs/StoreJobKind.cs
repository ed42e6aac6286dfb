using BaseCommerce.Contracts.Delivery;
using BaseCommerce.Contracts.Identity;
using BaseCommerce.Contracts.Pricing;
using BaseCommerce.Contracts.Quotes;
using BaseCommerce.Contracts.Sales;
using BaseCommerce.Contracts.Stock;
using BaseCommerce.Ops.Data;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Ops.Jobs;

/// <summary>
/// One kind of per-store recurring job: its id prefix (the job is <c>{Name}:{slug}</c>), its cron in the store's time
/// zone (from the hours the store chose, for the nightly ones), and the engine command one run publishes. The engines do
/// the work; a job only asks.
/// </summary>
public sealed record StoreJobKind(string Name, Func<StoreSchedule, string> CronOf, string Description, Func<StoreJobRun, object> Command)
{
    public const string Queue = "recompute";

    public static readonly IReadOnlyList<StoreJobKind> All =
    [
        new("stock-recompute", s => $"0 {s.StockRecomputeHour} * * *", "Estoque e previsões (todas as noites, 02:00 ou a hora da loja)",
            r => new RecomputeStock(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("pricing-refresh", s => $"0 {s.PricingRefreshHour} * * *", "Preços: comparação, tendências e sugestões (todas as noites, 03:00 ou a hora da loja)",
            r => new RefreshPricing(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("sales-recompute", _ => "30 3 * * *", "Vendas: complementares, kits e padrões (todas as noites, 03:30)",
            r => new RecomputeSales(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("abc-reclassify", _ => "0 4 * * 1", "Classificação ABC (toda segunda-feira, 04:00)",
            r => new RecomputeAbc(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("stale-alert-sweep", _ => "15 * * * *", "Alertas de estoque: resolve os que os fatos já não sustentam (de hora em hora)",
            r => new RecomputeStock(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("drafts-cleanup", _ => "45 4 * * *", "Rascunhos de cotação abandonados há mais de um dia (todas as noites, 04:45)",
            r => new PurgeStaleDrafts(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("identity-cleanup", _ => "30 5 * * *", "Sessões, códigos e tokens de acesso expirados (todas as noites, 05:30)",
            r => new PurgeExpiredGrants(r.TenantId, r.MessageId, r.At, r.MessageId, r.RequestedBy)),
        new("route-planning", s => $"0 {s.RoutePlanningHour} * * *", "Rotas de entrega do dia seguinte (todos os dias, 18:00 ou a hora da loja)",
            r => new PlanRoutes(r.TenantId, r.MessageId, r.At, r.MessageId, r.LocalDate.AddDays(1), r.RequestedBy)),
    ];

    public string JobId(string slug) => $"{Name}:{slug}";

    public static StoreJobKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>The kind and store of a job id such as <c>pricing-refresh:demo</c>, or null for any other id.</summary>
    public static (StoreJobKind Kind, string Slug)? Parse(string jobId) =>
        jobId.Split(':', 2) is [var name, var slug] && Find(name) is { } kind && slug.Length > 0 ? (kind, slug) : null;
}

/// <summary>
/// The hours of a store's nightly recomputations in its time zone (an IANA id); the defaults until its admin picks others.
/// </summary>
public sealed record StoreSchedule(int StockRecomputeHour = 2, int PricingRefreshHour = 3, int RoutePlanningHour = 18,
    string TimeZoneId = StoreSchedule.DefaultTimeZone)
{
    public const string DefaultTimeZone = "America/Sao_Paulo";

    /// <summary>The zone, or São Paulo's when this machine's time zone database lacks it (the store still gets its jobs).</summary>
    public TimeZoneInfo TimeZone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZone);

    /// <summary>The store's row of <c>ops.store_schedules</c>, or the defaults, read in the transaction of a store's scope.</summary>
    public static async Task<StoreSchedule> OfAsync(OpsDb db, Guid tenantId, CancellationToken ct) =>
        await db.Database.SqlQuery<StoreSchedule>($"""
            SELECT stock_recompute_hour AS "StockRecomputeHour", pricing_refresh_hour AS "PricingRefreshHour",
                   route_planning_hour AS "RoutePlanningHour", time_zone AS "TimeZoneId"
            FROM ops.store_schedules WHERE tenant_id = {tenantId}
            """).SingleOrDefaultAsync(ct) ?? new StoreSchedule();
}

/// <summary>One run of a store's job: what its command carries.</summary>
/// <param name="MessageId">Derived from the job and its scheduled time: a retried run publishes the same message, which the engine's inbox drops.</param>
/// <param name="LocalDate">The scheduled day in the store's time zone.</param>
public sealed record StoreJobRun(Guid TenantId, Guid MessageId, DateTimeOffset At, DateOnly LocalDate, string RequestedBy);
