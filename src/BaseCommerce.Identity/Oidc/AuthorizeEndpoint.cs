using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BaseCommerce.Identity.Oidc;

/// <summary>
/// <c>GET /connect/authorize</c>: the authorization code flow (RFC 6749 §4.1) with PKCE S256 required, <c>state</c> and
/// <c>nonce</c>. An unknown client or an unregistered redirect URI is shown as an error page and never redirected to
/// (RFC 6749 §4.1.2.1); every other error goes back to the client. Sends the person to sign in and, for a third-party
/// client, to the consent page; then redirects with the code, the state and the issuer (RFC 9207).
/// </summary>
public sealed class AuthorizeEndpoint(IdentityDb db, TenantContext tenantContext, TokenFactory tokens, TimeProvider clock,
    IOptions<IdentityServerOptions> options, SignIn.StaffSignIn signIn)
{
    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var q = http.Request.Query;
        string clientId = q["client_id"].ToString(), redirectUri = q["redirect_uri"].ToString(), state = q["state"].ToString();

        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (client is null || client.RevokedAt is not null)
            return ErrorPage(http, "Aplicativo desconhecido", "O aplicativo que pediu o acesso não está cadastrado nesta loja.");
        if (!client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
            return ErrorPage(http, "Endereço de retorno inválido", "O endereço de retorno informado pelo aplicativo não está cadastrado.");

        var issuer = tokens.IssuerFor(tenantContext.Tenant!);
        IResult Back(string error, string description) => Redirect(redirectUri, new()
        {
            ["error"] = error, ["error_description"] = description, ["state"] = state, ["iss"] = issuer,
        });

        if (!client.Allows(GrantTypes.AuthorizationCode))
            return Back(OAuthError.UnauthorizedClient, "This client may not use the authorization code flow.");
        if (q["response_type"] != "code")
            return Back(OAuthError.UnsupportedResponseType, "Only response_type=code is supported.");
        if (q["code_challenge_method"] != "S256" || !Pkce.IsValidChallenge(q["code_challenge"]))
            return Back(OAuthError.InvalidRequest, "PKCE is required: send code_challenge with code_challenge_method=S256.");
        var scopes = Scopes.Parse(q["scope"]);
        if (scopes.Count == 0 || scopes.Any(s => !client.Scopes.Contains(s)))
            return Back(OAuthError.InvalidScope, $"This client may ask for: {string.Join(' ', client.Scopes)}.");
        var prompt = Scopes.Parse(q["prompt"]);

        var session = await http.AuthenticateAsync(AuthSchemes.Session);
        var principal = session.Succeeded ? session.Principal : null;
        if (principal is null || principal.FindFirst(StaffClaims.TenantId)?.Value != tenantContext.TenantId.ToString() || prompt.Contains("login"))
        {
            if (prompt.Contains("none"))
                return Back(OAuthError.LoginRequired, "The person is not signed in.");
            // After signing in, the browser comes back here without prompt=login, so the loop ends.
            var again = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path,
                q.Where(p => p.Key != "prompt").ToDictionary(p => p.Key, p => (string?)p.Value.ToString()));
            if (prompt.Contains("login") && principal is not null)
                await signIn.SignOutAsync(http);
            return Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + "/login", "ReturnUrl", again));
        }

        var userId = Guid.Parse(principal.FindFirst(StaffClaims.Subject)!.Value);
        var sessionId = Guid.Parse(principal.FindFirst(StaffClaims.SessionId)!.Value);
        if (!client.FirstParty)
        {
            var consent = await db.Consents.AsNoTracking().SingleOrDefaultAsync(c => c.UserId == userId && c.ClientId == client.ClientId, ct);
            if (consent is null || scopes.Any(s => !consent.Scopes.Contains(s)))
            {
                if (prompt.Contains("none"))
                    return Back(OAuthError.ConsentRequired, "The person has not allowed this client yet.");
                return Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + "/consent", "ReturnUrl",
                    http.Request.PathBase + http.Request.Path + http.Request.QueryString));
            }
        }

        var code = Secrets.New();
        var now = clock.GetUtcNow();
        db.AuthorizationCodes.Add(new AuthorizationCode
        {
            CodeHash = Secrets.Hash(code),
            ClientId = client.ClientId,
            UserId = userId,
            SessionId = sessionId,
            RedirectUri = redirectUri,
            Scope = Scopes.Join(scopes),
            Nonce = q.ContainsKey("nonce") ? q["nonce"].ToString() : null,
            CodeChallenge = q["code_challenge"]!,
            CreatedAt = now,
            ExpiresAt = now.AddSeconds(options.Value.AuthorizationCodeSeconds),
        });
        await db.SaveChangesAsync(ct);
        return Redirect(redirectUri, new() { ["code"] = code, ["state"] = state, ["iss"] = issuer });
    }

    static IResult Redirect(string uri, Dictionary<string, string?> parameters) =>
        Results.Redirect(QueryHelpers.AddQueryString(uri, parameters.Where(p => !string.IsNullOrEmpty(p.Value))));

    static IResult ErrorPage(HttpContext http, string title, string detail) =>
        Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + "/error", new Dictionary<string, string?> { ["title"] = title, ["detail"] = detail }));
}
