using MassTransit;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// The newest event per key of a batch, in key order: one row per key for a batch upsert (PostgreSQL refuses to update
/// a row twice in one statement), and two batches that share keys then lock their rows in one order.
/// </summary>
static class BatchLatest
{
    public static List<T> Of<T, TKey>(Batch<T> batch, Func<T, TKey> key, Func<T, DateTimeOffset> occurredAt) where T : class =>
        [.. batch.Select(c => c.Message).GroupBy(key).Select(g => g.MaxBy(occurredAt)!).OrderBy(m => key(m))];
}
