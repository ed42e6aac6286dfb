namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>
/// How quote and order amounts are computed (money rounded half away from zero to cents, as Brazilian invoices do):
/// line total = quantity × unit price × (1 − line discount/100); subtotal = Σ line totals;
/// header discount value = subtotal × header discount/100; total = subtotal − header discount value.
/// The original ignored the header discount in totals and events; here every total includes it and is persisted.
/// </summary>
public static class LineMath
{
    public static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    public static decimal LineTotal(decimal quantity, decimal unitPrice, decimal discountPercent) =>
        Money(quantity * unitPrice * (1 - discountPercent / 100m));

    public static (decimal Subtotal, decimal DiscountValue, decimal Total) Totals(IEnumerable<decimal> lineTotals, decimal headerDiscountPercent)
    {
        var subtotal = lineTotals.Sum();
        var discount = Money(subtotal * headerDiscountPercent / 100m);
        return (subtotal, discount, subtotal - discount);
    }
}
