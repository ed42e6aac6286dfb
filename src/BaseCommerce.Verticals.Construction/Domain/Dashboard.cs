
namespace BaseCommerce.Verticals.Construction.Domain;

public sealed record TopProduct(Guid ProductId, string? Name, decimal Quantity, decimal Total);

public sealed record DashboardView(int QuotesToday, int OrdersToday, int SalesThisWeek, decimal SalesValueThisWeek,
    IReadOnlyDictionary<string, int> ActiveQuotesByStatus, IReadOnlyList<TopProduct> TopProducts, IReadOnlyList<Quote> RecentQuotes);

/// <summary>The store's day and week at a glance. Days and weeks are the store's: America/Sao_Paulo, UTC−3 (no DST since 2019).</summary>
public static class Dashboard
{
    public static readonly TimeSpan StoreOffset = TimeSpan.FromHours(-3);

    public static async Task<DashboardView> LoadAsync(ConstructionDb db, DateTimeOffset utcNow, CancellationToken ct)
    {
        var local = utcNow.ToOffset(StoreOffset);
        // Npgsql writes timestamptz parameters in UTC only.
        var today = new DateTimeOffset(local.Date, StoreOffset).ToUniversalTime();
        var monday = today.AddDays(-(((int)local.DayOfWeek + 6) % 7));
        var sales = db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Delivered && o.DeliveredAt >= monday);
        var top = await db.OrderItems.AsNoTracking()
            .Where(i => db.Orders.Any(o => o.Id == i.OrderId && o.Status == OrderStatus.Delivered && o.DeliveredAt >= monday))
            .GroupBy(i => i.ProductId).Select(g => new { ProductId = g.Key, Total = g.Sum(i => i.Total), Quantity = g.Sum(i => i.Quantity) })
            .OrderByDescending(g => g.Total).Take(5).ToListAsync(ct);
        var ids = top.Select(t => t.ProductId).ToList();
        var names = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var active = await db.Quotes.Where(q => q.Status == QuoteStatus.Draft || q.Status == QuoteStatus.Sent || q.Status == QuoteStatus.Approved)
            .GroupBy(q => q.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new DashboardView(
            await db.Quotes.CountAsync(q => q.CreatedAt >= today, ct),
            await db.Orders.CountAsync(o => o.CreatedAt >= today, ct),
            await sales.CountAsync(ct),
            await sales.SumAsync(o => (decimal?)o.Total, ct) ?? 0,
            active,
            top.Select(t => new TopProduct(t.ProductId, names.GetValueOrDefault(t.ProductId), t.Quantity, t.Total)).ToList(),
            await db.Quotes.AsNoTracking().OrderByDescending(q => q.CreatedAt).Take(5).ToListAsync(ct));
    }
}
