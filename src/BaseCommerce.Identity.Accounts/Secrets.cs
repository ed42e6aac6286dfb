using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BaseCommerce.Identity.Accounts;

/// <summary>
/// Client secrets: 256 random bits, base64url (OpenIddict stores their hash). <see cref="Hash"/> is the SHA-256 form the
/// server before OpenIddict kept, still accepted for clients registered then (<c>StoreApplicationManager</c>).
/// </summary>
public static class Secrets
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(byte[]? hash, string? secret) =>
        hash is not null && secret is not null && CryptographicOperations.FixedTimeEquals(hash, Hash(secret));
}
