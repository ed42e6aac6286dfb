using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BaseCommerce.Identity.Accounts;

/// <summary>
/// Client secrets, authorization codes and refresh tokens: 256 random bits, base64url. Only their SHA-256 is stored:
/// with that much entropy a fast hash is enough (there is no dictionary to try), and lookups stay one index probe.
/// </summary>
public static class Secrets
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(byte[]? hash, string? secret) =>
        hash is not null && secret is not null && CryptographicOperations.FixedTimeEquals(hash, Hash(secret));
}
