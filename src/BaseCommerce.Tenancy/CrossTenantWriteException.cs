namespace BaseCommerce.Tenancy;

/// <summary>Thrown when a unit of work tries to write a row that belongs to another tenant.</summary>
public sealed class CrossTenantWriteException(string message) : InvalidOperationException(message);
