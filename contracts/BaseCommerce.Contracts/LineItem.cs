namespace BaseCommerce.Contracts;

/// <summary>
/// One line of a quote or order, as carried inside events (a value, not an event).
/// <see cref="TotalValue"/> is the line total after the line discount.
/// </summary>
public sealed record LineItem(
    Guid ProductId,
    decimal Quantity,
    decimal UnitPrice,
    decimal DiscountPercent,
    decimal TotalValue);
