using System.Text.Json;
using BaseCommerce.Authentication;
using BaseCommerce.Authentication.Revocation;
using BaseCommerce.Identity.Accounts.Admin;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace BaseCommerce.Identity.Server;

/// <summary>Where our behaviour differs from OpenIddict's defaults, each a small handler in its pipeline.</summary>
public static class ServerHandlers
{

    public static void Add(OpenIddictServerBuilder server)
    {
        server.AddEventHandler<ProcessSignInContext>(h => h.UseScopedHandler<CapRefreshAtAbsoluteLifetime>()
            .SetOrder(OpenIddictServerHandlers.PrepareRefreshTokenPrincipal.Descriptor.Order + 1));
        server.AddEventHandler<ProcessSignInContext>(h => h.UseInlineHandler(context =>
        {
            // Every token response says its scope, as before (OpenIddict leaves it out when it equals the request's).
            if (context.EndpointType == OpenIddictServerEndpointType.Token && context.IncludeAccessToken
                && (context.AccessTokenPrincipal ?? context.Principal) is { } access)
                context.Parameters[Parameters.Scope] = string.Join(' ', access.GetScopes());
            return default;
        }).SetOrder(OpenIddictServerHandlers.GenerateRefreshToken.Descriptor.Order + 1_000));
        server.AddEventHandler<ApplyTokenResponseContext>(h => h.UseInlineHandler(context =>
        {
            // Left out because it equals the request's: then it is the request's.
            if (context.Response.AccessToken is not null && context.Response.Scope is null && context.Request?.Scope is { Length: > 0 } scope)
                context.Response.Scope = scope;
            return default;
        }).SetOrder(int.MinValue + 100_000));
        server.AddEventHandler<ValidateTokenContext>(h => h.UseScopedHandler<PublishReplayedGrant>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 1));
        server.AddEventHandler<HandleRevocationRequestContext>(h => h.UseScopedHandler<PublishRevokedToken>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 1));
        server.AddEventHandler<HandleIntrospectionRequestContext>(h => h.UseInlineHandler(context =>
        {
            // The store's resource servers introspect with their own client: they see the store and the scopes even when
            // they are not an audience of the token (OpenIddict shows those to audiences only).
            if (context.GenericTokenPrincipal is { } principal)
            {
                foreach (var claim in new[] { StaffClaims.TenantId, StaffClaims.TenantSlug })
                    if (principal.GetClaim(claim) is { } value)
                        context.Claims[claim] = value;
                if (context.Scopes.Count == 0 && principal.GetScopes() is { IsDefaultOrEmpty: false } scopes)
                    context.Scopes.UnionWith(scopes);
                if (context.ClientId is null && principal.GetPresenters() is [var presenter, ..])
                    context.ClientId = presenter;
            }
            return default;
        }).SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1));
    }

    /// <summary>
    /// A code or refresh token presented again after it was redeemed: OpenIddict revokes its grant's tokens next
    /// (ValidateTokenEntry); this tells every service to refuse the grant's access tokens too.
    /// </summary>
    sealed class PublishReplayedGrant(IOpenIddictTokenManager tokens, GrantRevocation grants) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public async ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.TokenId is not { } id || await tokens.FindByIdAsync(id) is not { } token
                || !await tokens.HasStatusAsync(token, Statuses.Redeemed)
                || (context.AuthorizationId ?? await tokens.GetAuthorizationIdAsync(token)) is not { } authorizationId)
                return;
            await grants.RevokeGrantAsync(authorizationId);
        }
    }

    /// <summary>
    /// A token its client revoked: an access token is refused by every service from now on; a refresh token takes the
    /// access tokens of its grant with it (RFC 7009 §2.1 allows it, and the grant's refresh token is gone).
    /// </summary>
    sealed class PublishRevokedToken(GrantRevocation grants, TimeProvider clock) : IOpenIddictServerHandler<HandleRevocationRequestContext>
    {
        public async ValueTask HandleAsync(HandleRevocationRequestContext context)
        {
            if (context.GenericTokenPrincipal is not { } principal)
                return;
            if (principal.GetTokenType() == TokenTypeIdentifiers.AccessToken)
            {
                if ((principal.GetClaim(Claims.JwtId) ?? principal.GetTokenId()) is { } jti)
                    await grants.RevokeAccessTokenAsync(jti, principal.GetExpirationDate() ?? clock.GetUtcNow() + AccessRevocation.Horizon);
            }
            else if (principal.GetTokenType() == TokenTypeIdentifiers.RefreshToken && principal.GetAuthorizationId() is { } authorizationId)
                await grants.RevokeGrantAsync(authorizationId);
        }
    }

    /// <summary>
    /// Refresh tokens slide (14 days from each use) but a grant ends at its absolute lifetime (30 days from the sign-in,
    /// or the client's <see cref="ClientAdmin.RefreshAbsoluteSecondsProperty"/>): OpenIddict offers sliding or fixed, not both.
    /// </summary>
    sealed class CapRefreshAtAbsoluteLifetime(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications)
        : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            if (context.RefreshTokenPrincipal is not { } refresh || refresh.GetExpirationDate() is not { } expires
                || refresh.GetAuthorizationId() is not { } authorizationId
                || await authorizations.FindByIdAsync(authorizationId) is not { } authorization
                || await authorizations.GetCreationDateAsync(authorization) is not { } created)
                return;
            var absolute = TimeSpan.FromSeconds(ClientAdmin.DefaultRefreshAbsoluteSeconds);
            if (context.ClientId is { } clientId && await applications.FindByClientIdAsync(clientId) is { } application
                && (await applications.GetPropertiesAsync(application)).TryGetValue(ClientAdmin.RefreshAbsoluteSecondsProperty, out var seconds)
                && seconds.ValueKind == JsonValueKind.Number)
                absolute = TimeSpan.FromSeconds(seconds.GetInt32());
            if (expires > created + absolute)
                refresh.SetExpirationDate(created + absolute);
        }
    }
}
