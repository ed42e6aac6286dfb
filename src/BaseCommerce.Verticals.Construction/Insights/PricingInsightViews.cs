using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>A product's supplier comparison as the Pricing engine last published it (<c>construction.insight_comparacao_precos</c>), quotes as JSON.</summary>
public sealed class PriceComparisonView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public string Quotes { get; set; } = "[]";
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>A product's recommended supplier (<c>construction.insight_melhor_fornecedor</c>).</summary>
public sealed class BestSupplierView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public Guid SupplierId { get; set; }
    public decimal Price { get; set; }
    public decimal? MinimumQuantity { get; set; }
    public bool Stable { get; set; }
    public Guid[] Alternatives { get; set; } = [];
    public string Explanation { get; set; } = "";
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>A product's suggested sale price (<c>construction.insight_preco_sugerido</c>).</summary>
public sealed class SuggestedPriceView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public decimal BaseCost { get; set; }
    public decimal SuggestedPrice { get; set; }
    public decimal CurrentPrice { get; set; }
    public decimal CurrentMargin { get; set; }
    public bool BelowMinimum { get; set; }
    public string Explanation { get; set; } = "";
    public DateTimeOffset EventAt { get; set; }
}

/// <summary>A supplier's price move of 10% or more (<c>construction.insight_alertas_preco</c>).</summary>
public sealed class PriceAlertView : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid SupplierId { get; set; }
    public Guid ProductId { get; set; }
    public decimal PreviousPrice { get; set; }
    public decimal NewPrice { get; set; }
    public decimal ChangePercent { get; set; }
    public int ChangeRank { get; set; }
    public string Kind { get; set; } = "";
    public string Explanation { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
}
