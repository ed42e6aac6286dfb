using System.Text.RegularExpressions;

namespace BaseCommerce.Tenancy;

/// <summary>Tenant slugs are the store's subdomain: lowercase letters, digits and inner hyphens, 3 to 63 characters.</summary>
public static partial class TenantSlug
{
    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    /// <summary>
    /// The slug of a host under one of the platform's base domains: <c>demo.localhost</c> → <c>demo</c>,
    /// <c>demo.basecommerce.com.br</c> → <c>demo</c>. Null for a bare base domain or any other host.
    /// </summary>
    public static string? FromHost(string? host, IEnumerable<string> baseDomains)
    {
        if (string.IsNullOrEmpty(host))
            return null;
        var name = host.ToLowerInvariant();
        foreach (var baseDomain in baseDomains)
        {
            var suffix = "." + baseDomain.ToLowerInvariant();
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
                continue;
            var candidate = name[..^suffix.Length];
            return IsValid(candidate) ? candidate : null;
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex Pattern();
}
