using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Data;

/// <summary>A customer (cliente): a person (PF, CPF) or a company (PJ, CNPJ). Table <c>construction.clientes</c>.</summary>
public sealed class Customer : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string Kind { get; set; } = "PJ";
    public string Name { get; set; } = "";
    public string Document { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Cep { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A construction site (obra) of a customer, where orders are delivered. Table <c>construction.obras</c>.</summary>
public sealed class Site : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Cep { get; set; }
    public decimal? Latitude { get; set; }
    public decimal? Longitude { get; set; }
    public string? Notes { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A catalogue product (produto). Table <c>construction.produtos</c>.</summary>
public sealed class Product : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string? Code { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Unit { get; set; } = "UN";
    public decimal BasePrice { get; set; }
    public decimal? WeightKg { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>One change of a product's base price (historico_precos).</summary>
public sealed class PriceChange : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public decimal OldPrice { get; set; }
    public decimal NewPrice { get; set; }
    public Guid? ChangedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A line of a quote or an order: quantity, frozen unit price, line discount and the resulting total.</summary>
public abstract class LineBase : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal DiscountPercent { get; set; }
    public decimal Total { get; set; }
    public string? Notes { get; set; }
    public int Position { get; set; }
}

public sealed class QuoteItem : LineBase
{
    public Guid QuoteId { get; set; }
}

public sealed class OrderItem : LineBase
{
    public Guid OrderId { get; set; }
}

/// <summary>A quote (cotação). Table <c>construction.cotacoes</c>.</summary>
public sealed class Quote : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string Number { get; set; } = "";
    public Guid CustomerId { get; set; }
    public Guid? SiteId { get; set; }
    public string Status { get; set; } = QuoteStatus.Draft;
    public decimal DiscountPercent { get; set; }
    public decimal Subtotal { get; set; }
    public decimal DiscountValue { get; set; }
    public decimal Total { get; set; }
    public string? Notes { get; set; }
    public int ValidityDays { get; set; } = 7;
    public DateTimeOffset ValidUntil { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<QuoteItem> Items { get; set; } = [];
}

/// <summary>An order (pedido). Table <c>construction.pedidos</c>.</summary>
public sealed class Order : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string Number { get; set; } = "";
    public Guid? QuoteId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid? SiteId { get; set; }
    public string Status { get; set; } = OrderStatus.Pending;
    public decimal DiscountPercent { get; set; }
    public decimal Subtotal { get; set; }
    public decimal DiscountValue { get; set; }
    public decimal Total { get; set; }
    public string? Notes { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset? PreparingAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public int Version { get; set; } = 1;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public List<OrderItem> Items { get; set; } = [];
}

/// <summary>Quote statuses, as the wire and the database spell them.</summary>
public static class QuoteStatus
{
    public const string Draft = "rascunho";
    public const string Sent = "enviada";
    public const string Approved = "aprovada";
    public const string Converted = "convertida";
    public const string Cancelled = "cancelada";
    public static readonly IReadOnlyList<string> All = [Draft, Sent, Approved, Converted, Cancelled];
}

/// <summary>Order statuses, in their forward order, then <see cref="Cancelled"/>.</summary>
public static class OrderStatus
{
    public const string Pending = "pendente";
    public const string Preparing = "em_preparacao";
    public const string Dispatched = "saiu_entrega";
    public const string Delivered = "entregue";
    public const string Cancelled = "cancelado";
    public static readonly string[] Forward = [Pending, Preparing, Dispatched, Delivered];
    public static readonly IReadOnlyList<string> All = [.. Forward, Cancelled];
}

/// <summary>A supplier (fornecedor), a company with a CNPJ. Table <c>construction.fornecedores</c>.</summary>
public sealed class Supplier : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public string Name { get; set; } = "";
    public string Document { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A supplier's price for a product; the current one is <see cref="Valid"/>, earlier ones are history.</summary>
public sealed class SupplierPrice : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid SupplierId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Price { get; set; }
    public decimal? MinimumQuantity { get; set; }
    public int? PaymentTermDays { get; set; }
    public int? LeadTimeDays { get; set; }
    public bool Valid { get; set; } = true;
    public Guid? RegisteredBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>The current stock of a product (<c>construction.estoque</c>).</summary>
public sealed class StockLevel : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Quantity { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One change of a product's stock: a receipt (entrada), an adjustment (ajuste) with its reason, a delivery's outgoing
/// quantity (saida) or its write-back when the order is cancelled after leaving (estorno).
/// </summary>
public sealed class StockMovement : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public string Kind { get; set; } = "entrada";
    public decimal Delta { get; set; }
    public decimal QuantityAfter { get; set; }
    public Guid? SupplierId { get; set; }
    public decimal? UnitCost { get; set; }
    public string? Reason { get; set; }
    public Guid? DeliveryId { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// One departure of goods of an order (<c>construction.entregas</c>). Today an order leaves in exactly one; stock
/// movements and events are keyed by delivery so that partial deliveries only add rows.
/// </summary>
public sealed class Delivery : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public int Sequence { get; set; } = 1;
    public string Status { get; set; } = DeliveryStatus.Dispatched;
    public DateTimeOffset DispatchedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset? ArrivedAt { get; set; }
    public string? ReceiverName { get; set; }
    public string? ReceiverDocument { get; set; }
    public Guid? CreatedBy { get; set; }
    public List<DeliveryItem> Items { get; set; } = [];
}

/// <summary>Something that went wrong on a delivery, as the driver recorded it (<c>construction.entrega_ocorrencias</c>).</summary>
public sealed class DeliveryOccurrence : ITenantOwned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid TenantId { get; set; }
    public Guid DeliveryId { get; set; }
    public string Kind { get; set; } = "";
    public string? Description { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>What a delivery carries of one product, in the product's stock unit.</summary>
public sealed class DeliveryItem : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid DeliveryId { get; set; }
    public Guid ProductId { get; set; }
    public decimal Quantity { get; set; }
}

public static class DeliveryStatus
{
    public const string Dispatched = "saiu_entrega";
    public const string Arrived = "chegou";
    public const string Delivered = "entregue";
    public const string Cancelled = "cancelada";
    /// <summary>Statuses of a delivery on its way: its goods are out of the store.</summary>
    public static readonly string[] OnItsWay = [Dispatched, Arrived];
    public static readonly string[] OccurrenceKinds = ["faltou_item", "item_errado", "cliente_nao_encontrado", "recusa", "outro"];
}
