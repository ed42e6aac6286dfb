namespace BaseCommerce.Tenancy;

public sealed class TenantNotResolvedException(string message) : InvalidOperationException(message);
