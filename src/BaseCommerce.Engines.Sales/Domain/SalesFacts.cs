using BaseCommerce.Engines.Sales.Data;

namespace BaseCommerce.Engines.Sales.Domain;

/// <summary>The facts the Sales engine keeps, each inserted once (keyed by product, or by order and product).</summary>
public sealed class SalesFacts(SalesDb db)
{
    Guid Tenant => db.Tenant.TenantId;

    /// <summary>Registers or updates a product; returns its unit before the change (null when it is new), to know whose substitutes move.</summary>
    public async Task<string?> UpsertProductAsync(Guid productId, string name, string unit, decimal price, bool active, CancellationToken ct)
    {
        var before = await db.Database.SqlQuery<string>($"""
            SELECT unit AS "Value" FROM sales.products WHERE tenant_id = {Tenant} AND product_id = {productId}
            """).SingleOrDefaultAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sales.products (tenant_id, product_id, name, unit, price, active) VALUES ({Tenant}, {productId}, {name}, {unit}, {price}, {active})
            ON CONFLICT (tenant_id, product_id) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit, price = EXCLUDED.price, active = EXCLUDED.active
            """, ct);
        return before;
    }

    /// <summary>A price change; returns the product's unit, or null when the product is unknown here.</summary>
    public async Task<string?> ChangePriceAsync(Guid productId, decimal price, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"""
            UPDATE sales.products SET price = {price} WHERE tenant_id = {Tenant} AND product_id = {productId} RETURNING unit AS "Value"
            """).ToListAsync(ct)).SingleOrDefault();

    /// <summary>Records a delivered order's products once; false when the order was recorded before.</summary>
    public async Task<bool> RecordOrderAsync(Guid orderId, Guid customerId, IEnumerable<(Guid ProductId, decimal Quantity)> lines, DateTimeOffset soldAt,
        CancellationToken ct)
    {
        var inserted = 0;
        foreach (var (productId, quantity) in lines)
            inserted += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO sales.order_lines (tenant_id, order_id, product_id, customer_id, quantity, sold_at)
                VALUES ({Tenant}, {orderId}, {productId}, {customerId}, {quantity}, {soldAt}) ON CONFLICT DO NOTHING
                """, ct);
        return inserted > 0;
    }
}
