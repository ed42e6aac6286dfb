namespace BaseCommerce.Messaging.Tenancy;

/// <summary>
/// Marks a message type whose consumers work across tenants (a platform job's command, for example): it is consumed
/// as platform work and needs no tenant header. Every other message without one is refused.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, Inherited = true)]
public sealed class PlatformMessageAttribute : Attribute;
