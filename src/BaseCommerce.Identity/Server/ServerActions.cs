using System.Collections.Immutable;
using System.Security.Claims;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Identity.SignIn;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BaseCommerce.Identity.Server;

/// <summary>
/// What OpenIddict hands back to us once it has validated a request (client, redirect URI, PKCE, scopes, grants): who
/// the person is (our session cookie), whether they consented, and what the tokens carry.
/// </summary>
public static class ServerActions
{
    public const string Resource = "basecommerce-api";
    const string Scheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static void MapServerActions(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], AuthorizeAsync);
        app.MapPost("/connect/token", TokenAsync);
        app.MapMethods("/connect/userinfo", ["GET", "POST"], UserInfoAsync);
        app.MapMethods("/connect/logout", ["GET", "POST"], EndSessionAsync);
    }

    static async Task<IResult> AuthorizeAsync(HttpContext http, TenantContext tenant, IdentityDb db, StaffSignIn signIn,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, Microsoft.Extensions.Options.IOptions<AuthOptions> auth)
    {
        // A request OpenIddict refused: back to the client when its redirect URI is registered (RFC 6749 §4.1.2.1), else
        // shown here, in Portuguese, and never sent to a URI nobody vouched for (unknown client, unregistered URI).
        if (http.GetOpenIddictServerResponse() is { Error: { Length: > 0 } error } failure)
        {
            var refused = http.GetOpenIddictServerRequest();
            var known = refused?.ClientId is { Length: > 0 } refusedClient ? await applications.FindByClientIdAsync(refusedClient, http.RequestAborted) : null;
            if (known is null)
                return ErrorPage(http, "Aplicativo desconhecido", "O aplicativo que pediu o acesso não está cadastrado nesta loja.");
            if (refused!.RedirectUri is not { Length: > 0 } back || !await applications.ValidateRedirectUriAsync(known, back, http.RequestAborted))
                return ErrorPage(http, "Endereço de retorno inválido", "O endereço de retorno informado pelo aplicativo não está cadastrado.");
            return Results.Redirect(QueryHelpers.AddQueryString(back, new Dictionary<string, string?>
            {
                [Parameters.Error] = error, [Parameters.ErrorDescription] = failure.ErrorDescription, [Parameters.State] = refused.State,
                [Parameters.Iss] = auth.Value.IssuerFor(tenant.Tenant!.Slug),
            }.Where(p => !string.IsNullOrEmpty(p.Value))));
        }
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        var ct = http.RequestAborted;
        var session = await http.AuthenticateAsync(AuthSchemes.Session);
        var person = session.Succeeded ? session.Principal : null;
        var login = request.HasPromptValue(PromptValues.Login);
        if (person is null || person.FindFirst(StaffClaims.TenantId)?.Value != tenant.TenantId.ToString() || login)
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.LoginRequired, "The person is not signed in.");
            // After signing in, the browser comes back here without prompt=login, so the loop ends.
            var again = QueryHelpers.AddQueryString(http.Request.PathBase + http.Request.Path,
                http.Request.Query.Where(p => p.Key != Parameters.Prompt).ToDictionary(p => p.Key, p => (string?)p.Value.ToString()));
            if (login && person is not null)
                await signIn.SignOutAsync(http);
            return Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + "/login", "ReturnUrl", again));
        }

        var userId = Guid.Parse(person.FindFirst(StaffClaims.Subject)!.Value);
        var sessionId = Guid.Parse(person.FindFirst(StaffClaims.SessionId)!.Value);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId && u.Active, ct);
        if (user is null)
            return Refuse(Errors.LoginRequired, "The person's account is not active.");
        var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
            ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
        var clientId = await applications.GetIdAsync(application, ct);
        var scopes = request.GetScopes();

        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Explicit, ct)
            && !await HasConsentedAsync(authorizations, user.Id.ToString(), clientId!, scopes, ct))
        {
            if (request.HasPromptValue(PromptValues.None))
                return Refuse(Errors.ConsentRequired, "The person has not allowed this client yet.");
            return Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + "/consent", "ReturnUrl",
                http.Request.PathBase + http.Request.Path + http.Request.QueryString));
        }

        // auth_time (OIDC Core §2) is when the person signed in: their session's start.
        var signedInAt = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => (DateTimeOffset?)s.CreatedAt).SingleOrDefaultAsync(ct);
        var identity = PersonIdentity(user, tenant.Tenant!, sessionId, signedInAt?.ToUnixTimeSeconds());
        identity.SetScopes(scopes);
        identity.SetResources(Resource);
        // Each sign-in gets its own grant (the family of its refresh tokens), bound to the session: reuse detection and
        // signing out then end this grant only, never the person's other devices (a consent is a separate, permanent one).
        var authorization = (StoreAuthorization)await authorizations.CreateAsync(identity, user.Id.ToString(), clientId!, AuthorizationTypes.AdHoc, scopes, ct);
        authorization.SessionId = sessionId;
        await authorizations.UpdateAsync(authorization, ct);
        identity.SetAuthorizationId(authorization.Id.ToString());
        identity.SetDestinations(DestinationsOf);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, authenticationScheme: Scheme);
    }

    /// <summary>Whether a permanent authorization of the person (their consent) covers the scopes asked for.</summary>
    public static async Task<bool> HasConsentedAsync(IOpenIddictAuthorizationManager authorizations, string subject, string clientId,
        ImmutableArray<string> scopes, CancellationToken ct)
    {
        await foreach (var _ in authorizations.FindAsync(subject, clientId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, ct))
            return true;
        return false;
    }

    static async Task<IResult> TokenAsync(HttpContext http, TenantContext tenant, IdentityDb db, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, TimeProvider clock)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
        var ct = http.RequestAborted;
        if (request.IsClientCredentialsGrantType())
        {
            // A client speaks for itself: only the API's scopes (OpenIddict would let openid through, which needs no permission).
            if (request.GetScopes().FirstOrDefault(s => !Authentication.Scopes.ApiScopes.Contains(s)) is { } notApi)
                return Results.Forbid(Properties(Errors.InvalidScope, $"A client's own token may carry only the API's scopes, not '{notApi}'."), [Scheme]);
            var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
                ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(StaffClaims.TenantId, tenant.TenantId.ToString());
            identity.SetClaim(StaffClaims.TenantSlug, tenant.Tenant!.Slug);
            // No scope asked: every API scope the client may have, as before.
            var scopes = request.GetScopes();
            if (scopes.IsEmpty)
                scopes = [.. (await applications.GetPermissionsAsync(application, ct))
                    .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..]).Where(Authentication.Scopes.ApiScopes.Contains)];
            identity.SetScopes(scopes);
            identity.SetResources(Resource);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, authenticationScheme: Scheme);
        }

        // A code or a refresh token: the person must still be active and their session open.
        var result = await http.AuthenticateAsync(Scheme);
        var principal = result.Principal ?? throw new InvalidOperationException("OpenIddict validated no grant.");
        var userId = Guid.TryParse(principal.GetClaim(Claims.Subject), out var u) ? u : Guid.Empty;
        var sessionId = Guid.TryParse(principal.GetClaim(StaffClaims.SessionId), out var s) ? s : Guid.Empty;
        var now = clock.GetUtcNow();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.Id == userId && x.Active, ct);
        var open = await db.Sessions.AsNoTracking().AnyAsync(x => x.Id == sessionId && x.UserId == userId && x.EndedAt == null && x.ExpiresAt > now, ct);
        if (user is null || !open)
        {
            if (principal.GetAuthorizationId() is { } authorizationId && await authorizations.FindByIdAsync(authorizationId, ct) is { } authorization)
                await authorizations.TryRevokeAsync(authorization, ct);
            return Results.Forbid(Properties(Errors.InvalidGrant, "The person's session has ended."), [Scheme]);
        }
        // The person's name, e-mail and roles as they are now; the grant's own claims (scopes, ids) as they were.
        var refreshed = new ClaimsIdentity(principal.Claims.Where(c => c.Type is not (Claims.Name or Claims.Email or Claims.Role)),
            TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        refreshed.SetClaim(Claims.Name, user.Name).SetClaim(Claims.Email, user.Email).SetClaims(Claims.Role, [.. user.Roles]);
        refreshed.SetDestinations(DestinationsOf);
        return Results.SignIn(new ClaimsPrincipal(refreshed), properties: null, authenticationScheme: Scheme);
    }

    static async Task<IResult> UserInfoAsync(HttpContext http, TenantContext tenant, IdentityDb db)
    {
        var result = await http.AuthenticateAsync(Scheme);
        var principal = result.Principal;
        if (principal is null)
            return Results.Challenge(Properties(Errors.InvalidToken, "The access token is invalid."), [Scheme]);
        // A client's own token (client_credentials) speaks for nobody: there is no person to describe.
        if (!principal.HasScope(Authentication.Scopes.OpenId) || !Guid.TryParse(principal.GetClaim(Claims.Subject), out var userId))
            return Results.Forbid(Properties(Errors.InsufficientScope, "The openid scope of a person is required."), [Scheme]);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(x => x.Id == userId && x.Active, http.RequestAborted);
        if (user is null)
            return Results.Challenge(Properties(Errors.InvalidToken, "The person's account is not active."), [Scheme]);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = user.Id.ToString(),
            [StaffClaims.TenantId] = tenant.TenantId.ToString(),
            [StaffClaims.TenantSlug] = tenant.Tenant!.Slug,
            [Claims.Role] = user.Roles.ToArray(),
        };
        if (principal.HasScope(Authentication.Scopes.Profile))
            claims[Claims.Name] = user.Name;
        if (principal.HasScope(Authentication.Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = true;
        }
        return Results.Ok(claims);
    }

    static async Task<IResult> EndSessionAsync(HttpContext http, StaffSignIn signIn)
    {
        await signIn.SignOutAsync(http);
        // OpenIddict redirects to the client's post-logout URI when it validated one, else here.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = http.Request.PathBase + "/login?signedOut=true" }, [Scheme]);
    }

    /// <summary>The claims of a staff member in their tokens (destinations decide which token gets which).</summary>
    static ClaimsIdentity PersonIdentity(StaffUser user, TenantInfo store, Guid sessionId, long? authTime)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString())
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(StaffClaims.TenantId, store.Id.ToString())
            .SetClaim(StaffClaims.TenantSlug, store.Slug)
            .SetClaim(StaffClaims.SessionId, sessionId.ToString())
            .SetClaims(Claims.Role, [.. user.Roles]);
        if (authTime is { } seconds)
            identity.SetClaim(Claims.AuthenticationTime, seconds);
        return identity;
    }

    // Access tokens carry what the services authorize with; ID tokens what the client may know of the person.
    static IEnumerable<string> DestinationsOf(Claim claim)
    {
        switch (claim.Type)
        {
            // The services show who acts (as before, whatever the scopes); the client learns it only if it asked.
            case Claims.Name:
                yield return Destinations.AccessToken;
                if (claim.Subject?.HasScope(Authentication.Scopes.Profile) == true)
                    yield return Destinations.IdentityToken;
                yield break;
            case Claims.Email:
                yield return Destinations.AccessToken;
                if (claim.Subject?.HasScope(Authentication.Scopes.Email) == true)
                    yield return Destinations.IdentityToken;
                yield break;
            case Claims.AuthenticationTime:
                yield return Destinations.IdentityToken;
                yield break;
            case Claims.Subject or Claims.Role or StaffClaims.TenantId or StaffClaims.TenantSlug or StaffClaims.SessionId:
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                yield break;
            default:
                yield return Destinations.AccessToken;
                yield break;
        }
    }

    static IResult ErrorPage(HttpContext http, string title, string detail) =>
        Results.Redirect(QueryHelpers.AddQueryString(http.Request.PathBase + "/error", new Dictionary<string, string?> { ["title"] = title, ["detail"] = detail }));

    static IResult Refuse(string error, string description) => Results.Forbid(Properties(error, description), [Scheme]);

    static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
