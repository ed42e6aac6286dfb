namespace BaseCommerce.Contracts.Suppliers;

/// <summary>Published by the Construction vertical when a supplier's price for a product is registered.</summary>
public sealed record SupplierPriceRegistered(
    Guid TenantId,
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid CorrelationId,
    Guid SupplierId,
    Guid ProductId,
    decimal Price,
    decimal? PreviousPrice,
    decimal? MinimumQuantity,
    int? PaymentTermDays,
    Guid? RegisteredBy);
