namespace BaseCommerce.Messaging.TestShop;

public sealed record OrderPlaced(Guid OrderId, string Numero);

public sealed record ApplyEffect(Guid OrderId);

public sealed record EffectApplied(Guid OrderId, int Effects);
