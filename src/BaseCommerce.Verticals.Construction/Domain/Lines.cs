using BaseCommerce.Contracts;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>Checks and prices the lines of a quote or a direct order against the store's catalogue.</summary>
public static class Lines
{
    public const int MaxItems = 200;

    public sealed record Priced(Guid ProductId, decimal Quantity, decimal UnitPrice, decimal DiscountPercent, decimal Total, string? Notes, int Position);

    /// <summary>Validates customer, site, discounts and items; products must be active in this store. Throws with every field error.</summary>
    public static async Task<(IReadOnlyList<Priced> Items, decimal Subtotal, decimal DiscountValue, decimal Total)> PriceAsync(
        ConstructionDb db, Guid? customerId, Guid? siteId, IReadOnlyList<ItemInput>? items, decimal headerDiscount, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(customerId is not null, "cliente_id", "Informe o cliente.");
        v.Check(headerDiscount is >= 0 and <= 100, "desconto_percentual", "O desconto deve ficar entre 0 e 100%.");
        v.Check(items is { Count: > 0 }, "itens", "Adicione pelo menos um item.");
        v.Check(items is null || items.Count <= MaxItems, "itens", $"No máximo {MaxItems} itens.");
        v.ThrowIfInvalid();

        if (!await db.Customers.AnyAsync(c => c.Id == customerId, ct))
            throw ProblemException.NotFound("Cliente");
        if (siteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site && s.CustomerId == customerId, ct))
            v.Add("obra_id", "A obra não existe ou não pertence a este cliente.");

        var ids = items!.Where(i => i.ProdutoId is not null).Select(i => i.ProdutoId!.Value).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var priced = new List<Priced>();
        for (var i = 0; i < items!.Count; i++)
        {
            var item = items[i];
            var field = $"itens[{i}]";
            if (item.ProdutoId is not { } productId || !products.TryGetValue(productId, out var product) || !product.Active)
            {
                v.Add(field + ".produto_id", "Produto não encontrado nesta loja ou inativo.");
                continue;
            }
            var price = item.PrecoUnitario ?? product.BasePrice;
            var discount = item.DescontoPercentual ?? 0;
            // Scale and range come from the items' [Amount] limits, checked by the command before it prices anything.
            v.Check(item.Quantidade is > 0, field + ".quantidade", "A quantidade deve ser maior que zero.")
             .Check(price >= 0, field + ".preco_unitario", "O preço unitário não pode ser negativo.")
             .Check(discount is >= 0 and <= 100, field + ".desconto_percentual", "O desconto do item deve ficar entre 0 e 100%.");
            if (item.Quantidade is > 0)
                priced.Add(new Priced(productId, item.Quantidade.Value, price, discount, LineMath.LineTotal(item.Quantidade.Value, price, discount),
                    Text.Clean(item.Observacoes), i + 1));
        }
        v.ThrowIfInvalid();
        var (subtotal, discountValue, total) = LineMath.Totals(priced.Select(p => p.Total), headerDiscount);
        return (priced, subtotal, discountValue, total);
    }

    /// <summary>A quote or order line with the priced values (ids and tenant are the new row's own).</summary>
    public static TLine To<TLine>(Priced p) where TLine : LineBase, new() => new()
    {
        ProductId = p.ProductId, Quantity = p.Quantity, UnitPrice = p.UnitPrice, DiscountPercent = p.DiscountPercent,
        Total = p.Total, Notes = p.Notes, Position = p.Position,
    };

    /// <summary>The frozen values of an existing line, for a new line of another kind (quote line → order line).</summary>
    public static Priced Of(LineBase l) => new(l.ProductId, l.Quantity, l.UnitPrice, l.DiscountPercent, l.Total, l.Notes, l.Position);

    public static IReadOnlyList<LineItem> ToEvent(IEnumerable<LineBase> lines) =>
        lines.OrderBy(l => l.Position).Select(l => new LineItem(l.ProductId, l.Quantity, l.UnitPrice, l.DiscountPercent, l.Total)).ToList();
}
