using System.Text;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Oidc;

/// <summary>
/// Finds and authenticates the client of a token, revocation or introspection request (RFC 6749 §2.3):
/// <c>client_secret_basic</c> or <c>client_secret_post</c> for confidential clients, the bare <c>client_id</c> for public ones.
/// Clients are looked up in the current store only.
/// </summary>
public sealed class ClientAuthenticator(IdentityDb db)
{
    public sealed record Outcome(OAuthClient? Client, IResult? Error);

    public async Task<Outcome> AuthenticateAsync(HttpRequest request, IFormCollection form, CancellationToken ct)
    {
        string? clientId = form["client_id"], secret = form["client_secret"];
        var header = request.Headers.Authorization.ToString();
        var usedBasic = header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase);
        if (usedBasic)
        {
            if (secret is not null)
                return Fail(OAuthError.Result(OAuthError.InvalidRequest, "Use one client authentication method, not two."));
            if (!TryParseBasic(header["Basic ".Length..].Trim(), out var basicId, out var basicSecret) || (clientId is not null && clientId != basicId))
                return Fail(OAuthError.InvalidClientResult("Malformed HTTP Basic client credentials."));
            (clientId, secret) = (basicId, basicSecret);
        }
        if (string.IsNullOrEmpty(clientId))
            return Fail(OAuthError.InvalidClientResult("Client authentication is required."));

        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        // Unknown, revoked and wrong-secret clients get the same answer.
        if (client is null || client.RevokedAt is not null || (client.IsConfidential && !Secrets.Matches(client.SecretHash, secret)))
            return Fail(usedBasic ? OAuthError.InvalidClientResult("Client authentication failed.")
                                  : OAuthError.Result(OAuthError.InvalidClient, "Client authentication failed.", StatusCodes.Status401Unauthorized));
        return new Outcome(client, null);
    }

    static Outcome Fail(IResult error) => new(null, error);

    // RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined with ':' and base64-encoded.
    static bool TryParseBasic(string value, out string id, out string secret)
    {
        id = secret = "";
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = decoded.IndexOf(':');
            if (colon <= 0)
                return false;
            id = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
            secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
