using BaseCommerce.Tenancy.Data;

namespace BaseCommerce.Verticals.Construction.Insights;

/// <summary>One item of a projected Sales engine list (<c>construction.insight_sugestoes</c>); a bundle uses <see cref="OtherId"/> and <see cref="Orders"/>.</summary>
public sealed class SuggestionView : ITenantOwned
{
    public Guid TenantId { get; set; }
    public string Kind { get; set; } = "";
    public Guid OwnerId { get; set; }
    public int Position { get; set; }
    public Guid ProductId { get; set; }
    public Guid? OtherId { get; set; }
    public decimal Frequency { get; set; }
    public string Priority { get; set; } = "";
    public string Explanation { get; set; } = "";
    public int? Orders { get; set; }
}

/// <summary>The kinds of list, as stored.</summary>
public static class SuggestionKinds
{
    public const string Complements = "complementares";
    public const string Substitutes = "substitutos";
    public const string Patterns = "padroes";
    public const string Bundles = "combos";
}
