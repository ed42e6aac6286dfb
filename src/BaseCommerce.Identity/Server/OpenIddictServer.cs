using BaseCommerce.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace BaseCommerce.Identity.Server;

/// <summary>
/// The authorization server on OpenIddict: its protocol endpoints under <c>/auth</c> on each store's host, the flows we
/// allow and how tokens look. Ours stay the sign-in, the consent, the key ring and what each grant's principal carries
/// (the pass-through actions in <see cref="ServerActions"/>).
/// </summary>
public static class OpenIddictServer
{
    public static IServiceCollection AddStoreOpenIddict(this IServiceCollection services, IConfiguration configuration)
    {
        var secureCookies = configuration.GetValue<bool>("Auth:SecureCookies");
        var settings = configuration.GetSection("IdentityServer").Get<IdentityServerOptions>() ?? new IdentityServerOptions();
        services.AddHttpContextAccessor();
        services.AddOpenIddict().AddServer(o =>
        {
            o.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token")
                .SetIntrospectionEndpointUris("connect/introspect")
                .SetRevocationEndpointUris("connect/revoke")
                .SetUserInfoEndpointUris("connect/userinfo")
                .SetEndSessionEndpointUris("connect/logout")
                .SetJsonWebKeySetEndpointUris(".well-known/jwks.json");
            o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
            // PKCE with S256 only: plain is not offered and is refused.
            o.RequireProofKeyForCodeExchange();
            o.Configure(x => x.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
            o.RegisterScopes([.. Authentication.Scopes.All]);
            o.RegisterClaims(Claims.Subject, Claims.Name, Claims.Email, Claims.EmailVerified, Claims.Role, StaffClaims.TenantId, StaffClaims.TenantSlug,
                StaffClaims.SessionId, Claims.AuthenticationTime, Claims.Nonce);
            o.RegisterPromptValues(PromptValues.None, PromptValues.Login);
            // Refresh tokens are opaque and stored as hashes; a rotated-away one presented again revokes its grant at once
            // (OpenIddict's default lets it mint tokens for 30 s).
            o.UseReferenceRefreshTokens();
            o.SetRefreshTokenReuseLeeway(null);
            // RFC 9068 JWTs the services validate with the JWKS.
            o.DisableAccessTokenEncryption();
            o.SetAccessTokenLifetime(TimeSpan.FromMinutes(15));
            o.SetIdentityTokenLifetime(TimeSpan.FromMinutes(15));
            o.SetRefreshTokenLifetime(TimeSpan.FromDays(14));
            o.SetAuthorizationCodeLifetime(TimeSpan.FromSeconds(settings.AuthorizationCodeSeconds));
            var aspNet = o.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough()
                .EnableErrorPassthrough();
            // Plain HTTP only where the platform itself runs without TLS (local development).
            if (!secureCookies)
                aspNet.DisableTransportSecurityRequirement();
            ServerHandlers.Add(o);
            // Any confidential client of the store with the introspection permission (its resource servers) may introspect
            // the store's tokens, not only their audiences and presenters; another store's tokens are not found at all.
            o.RemoveEventHandler(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor);
        });
        services.AddSingleton<IOptionsMonitor<OpenIddictServerOptions>, StoreServerOptionsMonitor>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, StoreServerOptionsSetup>();
        return services;
    }
}
