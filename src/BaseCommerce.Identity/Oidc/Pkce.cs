using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace BaseCommerce.Identity.Oidc;

/// <summary>RFC 7636 with S256 only (RFC 9700 §2.1.1: plain is not offered).</summary>
public static partial class Pkce
{
    public static bool IsValidChallenge(string? challenge) => challenge is not null && ChallengePattern().IsMatch(challenge);

    public static bool Verifies(string? verifier, string challenge) =>
        verifier is not null && VerifierPattern().IsMatch(verifier) &&
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
            Encoding.ASCII.GetBytes(challenge));

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$")]
    private static partial Regex VerifierPattern();

    // base64url of a SHA-256: 43 characters.
    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex ChallengePattern();
}
