using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.SignIn;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Oidc;

/// <summary>
/// OpenID Connect RP-Initiated Logout: <c>/connect/logout</c> ends the person's session here (every service then refuses
/// its cookie, and its refresh tokens are revoked), then returns to the client's registered post-logout URI, or to the login page.
/// </summary>
public sealed class EndSessionEndpoint(IdentityDb db, AccessTokenReader reader, StaffSignIn signIn)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var parameters = http.Request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)await http.Request.ReadFormAsync(ct) : http.Request.Query;
        var p = parameters.ToDictionary(x => x.Key, x => x.Value.ToString());
        var postLogout = p.GetValueOrDefault("post_logout_redirect_uri");
        string? clientId = p.GetValueOrDefault("client_id");
        if (p.GetValueOrDefault("id_token_hint") is { Length: > 0 } hint)
        {
            var idToken = await reader.ReadIdTokenHintAsync(hint, ct);
            if (idToken is null)
                return Results.Redirect(http.Request.PathBase + "/error?title=" + Uri.EscapeDataString("Saída inválida") +
                                        "&detail=" + Uri.EscapeDataString("O aplicativo enviou uma identificação de sessão inválida."));
            clientId ??= idToken.Audiences.FirstOrDefault();
        }

        await signIn.SignOutAsync(http);

        if (!string.IsNullOrEmpty(postLogout) && clientId is not null)
        {
            var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
            // Only an exactly registered URI: an open redirect after logout is a phishing tool.
            if (client is { RevokedAt: null } && client.PostLogoutRedirectUris.Contains(postLogout, StringComparer.Ordinal))
                return Results.Redirect(p.GetValueOrDefault("state") is { Length: > 0 } state
                    ? QueryHelpers.AddQueryString(postLogout, "state", state)
                    : postLogout);
        }
        return Results.Redirect(http.Request.PathBase + "/login?signedOut=true");
    }
}
