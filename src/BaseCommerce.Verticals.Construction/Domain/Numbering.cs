
namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// COT-001, PED-001… per store. The next number comes from the store's counter row, incremented in the caller's
/// transaction: the row stays locked until that transaction ends, so concurrent creations queue instead of colliding,
/// and a rolled-back creation gives its number back.
/// </summary>
public static class Numbering
{
    public static async Task<string> NextAsync(ConstructionDb db, string kind, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Numbers are taken inside the transaction that uses them.");
        var tenantId = db.Tenant.TenantId;
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO construction.numeradores (tenant_id, kind, last_value) VALUES ({tenantId}, {kind}, 1)
            ON CONFLICT (tenant_id, kind) DO UPDATE SET last_value = numeradores.last_value + 1
            RETURNING last_value AS "Value"
            """).ToListAsync(ct);
        return (kind == Kinds.Quote ? "COT-" : "PED-") + next.Single().ToString("D3");
    }

    public static class Kinds
    {
        public const string Quote = "cotacao";
        public const string Order = "pedido";
    }
}
