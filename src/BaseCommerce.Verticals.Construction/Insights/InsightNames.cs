namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>
/// Names for the ids the engines' events carry: the engines know products and suppliers by id only, and the vertical
/// names them from its own tables.
/// </summary>
public static class InsightNames
{
    /// <summary>Names of the suppliers and products among <paramref name="ids"/>, from the vertical's own tables.</summary>
    public static async Task<Dictionary<Guid, string>> OfAsync(ConstructionDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking().Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var products = await db.Products.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return suppliers.Concat(products).ToDictionary(p => p.Key, p => p.Value);
    }
}
