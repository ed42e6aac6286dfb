namespace BaseCommerce.Messaging.Tenancy;

/// <summary>
/// A message that needs a tenant arrived without a valid one (missing or unknown header, or a payload of another
/// tenant). Never retried: the message goes straight to the endpoint's <c>_error</c> stream.
/// </summary>
public sealed class MessageTenantException(string message) : Exception(message);
