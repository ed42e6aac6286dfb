namespace BaseCommerce.Contracts;

/// <summary>Two products bought together (a value inside events): in <see cref="Orders"/> multi-item orders, <see cref="FrequencyPercent"/> of them.</summary>
public sealed record ProductBundle(
    Guid FirstProductId,
    Guid SecondProductId,
    decimal FrequencyPercent,
    int Orders);
