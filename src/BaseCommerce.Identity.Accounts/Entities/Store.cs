using System.Text.Json;

namespace BaseCommerce.Identity.Accounts.Entities;

/// <summary>A row of <c>identity.tenants</c>: platform data, not tenant-owned (every service reads it to resolve hosts).</summary>
public sealed class Store
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Cnpj { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string? LogoUrl { get; set; }
    public string PrimaryColor { get; set; } = "#1f4e79";
    public string SecondaryColor { get; set; } = "#f2a900";
    public JsonDocument Features { get; set; } = JsonDocument.Parse("{}");
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
