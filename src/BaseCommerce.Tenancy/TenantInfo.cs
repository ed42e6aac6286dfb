namespace BaseCommerce.Tenancy;

/// <summary>A store on the platform, as the tenant directory knows it.</summary>
public sealed record TenantInfo(Guid Id, string Slug, string Name, bool Active);
