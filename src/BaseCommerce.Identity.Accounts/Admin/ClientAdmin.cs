using System.Globalization;
using System.Text.Json;
using BaseCommerce.Identity.Accounts.Entities;
using OpenIddict.Abstractions;
using OI = OpenIddict.Abstractions.OpenIddictConstants;

namespace BaseCommerce.Identity.Accounts.Admin;

public sealed record NewClient(string ClientId, string Name, string ClientType, IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes, IReadOnlyList<string>? RedirectUris = null, IReadOnlyList<string>? PostLogoutRedirectUris = null,
    bool FirstParty = false, int? AccessTokenLifetimeSeconds = null,
    // Only the demo seed sets it, so the README can print the demo client's secret; otherwise one is generated.
    string? KnownSecret = null);

/// <summary>A client as an admin sees it.</summary>
public sealed record ClientInfo(string ClientId, string Name, string ClientType, bool FirstParty, IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, int AccessTokenLifetimeSeconds);

/// <summary>The created client and, for a confidential one, its secret: shown this once, stored only as a hash.</summary>
public sealed record CreatedClient(ClientInfo Client, string? Secret);

/// <summary>
/// OAuth clients of the current store, as OpenIddict applications: register, list, revoke. What a client may do is
/// written as OpenIddict permissions (endpoints, grant types, scopes) and requirements (PKCE for the code flow).
/// </summary>
public sealed class ClientAdmin(IOpenIddictApplicationManager applications, GrantRevocation grants)
{
    public const int DefaultAccessTokenLifetimeSeconds = 900;
    public const int DefaultRefreshSlidingSeconds = 14 * 24 * 3600;
    public const int DefaultRefreshAbsoluteSeconds = 30 * 24 * 3600;

    public async Task<CreatedClient> CreateAsync(NewClient request, CancellationToken ct = default)
    {
        if (request.ClientType is not (ClientTypes.Confidential or ClientTypes.Public))
            throw new AccountsException($"Tipo de cliente '{request.ClientType}' inválido: use confidential ou public.");
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new AccountsException("Informe o nome do cliente.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(request.ClientId ?? "", "^[A-Za-z0-9._-]{3,100}$"))
            throw new AccountsException($"client_id '{request.ClientId}' inválido: de 3 a 100 letras, números, '.', '_' ou '-'.");
        var grantTypes = request.GrantTypes.Distinct().ToList();
        if (grantTypes.Count == 0 || grantTypes.Any(g => !GrantTypes.All.Contains(g)))
            throw new AccountsException($"Tipos de concessão inválidos: use um ou mais de {string.Join(", ", GrantTypes.All)}.");
        if (request.ClientType == ClientTypes.Public && grantTypes.Contains(GrantTypes.ClientCredentials))
            throw new AccountsException("Um cliente público não pode usar client_credentials: ele não guarda segredo.");
        var scopes = request.Scopes.Distinct().ToList();
        if (scopes.Count == 0 || scopes.Any(s => !BaseCommerce.Authentication.Scopes.All.Contains(s)))
            throw new AccountsException($"Escopos inválidos: use um ou mais de {string.Join(", ", BaseCommerce.Authentication.Scopes.All)}.");
        var redirects = (request.RedirectUris ?? []).Distinct().ToList();
        if (grantTypes.Contains(GrantTypes.AuthorizationCode) && redirects.Count == 0)
            throw new AccountsException("O fluxo authorization_code precisa de pelo menos uma URI de redirecionamento.");
        foreach (var uri in redirects.Concat(request.PostLogoutRedirectUris ?? []))
            if (!IsAcceptableRedirect(uri))
                throw new AccountsException($"URI de redirecionamento '{uri}' inválida: use uma URL absoluta https (http só em localhost), sem fragmento.");
        if (request.AccessTokenLifetimeSeconds is < 60 or > 3600)
            throw new AccountsException("A validade do token de acesso deve ficar entre 60 e 3600 segundos.");
        if (await applications.FindByClientIdAsync(request.ClientId!, ct) is not null)
            throw new AccountsException($"Já existe um cliente '{request.ClientId}' nesta loja.");

        var secret = request.ClientType == ClientTypes.Confidential ? request.KnownSecret ?? Secrets.New() : null;
        var code = grantTypes.Contains(GrantTypes.AuthorizationCode);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientSecret = secret,
            ClientType = request.ClientType,
            DisplayName = request.Name.Trim(),
            ConsentType = request.FirstParty ? OI.ConsentTypes.Implicit : OI.ConsentTypes.Explicit,
        };
        descriptor.RedirectUris.UnionWith(redirects.Select(u => new Uri(u)));
        descriptor.PostLogoutRedirectUris.UnionWith((request.PostLogoutRedirectUris ?? []).Distinct().Select(u => new Uri(u)));
        descriptor.Permissions.UnionWith([OI.Permissions.Endpoints.Token, OI.Permissions.Endpoints.Revocation]);
        if (request.ClientType == ClientTypes.Confidential)
            descriptor.Permissions.Add(OI.Permissions.Endpoints.Introspection);
        if (code)
        {
            descriptor.Permissions.UnionWith([OI.Permissions.Endpoints.Authorization, OI.Permissions.Endpoints.EndSession, OI.Permissions.ResponseTypes.Code]);
            descriptor.Requirements.Add(OI.Requirements.Features.ProofKeyForCodeExchange);
        }
        descriptor.Permissions.UnionWith(grantTypes.Select(g => OI.Permissions.Prefixes.GrantType + g));
        // openid needs no permission; offline_access comes with the refresh_token grant.
        descriptor.Permissions.UnionWith(scopes.Where(s => s is not (BaseCommerce.Authentication.Scopes.OpenId or BaseCommerce.Authentication.Scopes.OfflineAccess))
            .Select(s => OI.Permissions.Prefixes.Scope + s));
        descriptor.Settings[OI.Settings.TokenLifetimes.AccessToken] =
            TimeSpan.FromSeconds(request.AccessTokenLifetimeSeconds ?? DefaultAccessTokenLifetimeSeconds).ToString("c", CultureInfo.InvariantCulture);
        descriptor.Settings[OI.Settings.TokenLifetimes.RefreshToken] = TimeSpan.FromSeconds(DefaultRefreshSlidingSeconds).ToString("c", CultureInfo.InvariantCulture);
        descriptor.Properties[RefreshAbsoluteSecondsProperty] = JsonSerializer.SerializeToElement(DefaultRefreshAbsoluteSeconds);
        await applications.CreateAsync(descriptor, ct);
        return new CreatedClient(Info(descriptor), secret);
    }

    /// <summary>An application property: how long a grant's refresh tokens may be renewed in all (the absolute lifetime).</summary>
    public const string RefreshAbsoluteSecondsProperty = "refresh_absolute_seconds";

    public async Task<List<ClientInfo>> ListAsync(CancellationToken ct = default)
    {
        var clients = new List<ClientInfo>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, ct))
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application, ct);
            clients.Add(Info(descriptor));
        }
        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A revoked client is deleted with its grants and tokens: it can get no new token, its refresh tokens stop working at
    /// once and its access tokens everywhere within seconds.
    /// </summary>
    public async Task<ClientInfo> RevokeAsync(string clientId, CancellationToken ct = default)
    {
        var application = await applications.FindByClientIdAsync(clientId, ct)
            ?? throw new AccountsException($"Cliente '{clientId}' não encontrado nesta loja.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, ct);
        await applications.DeleteAsync(application, ct);
        await grants.RevokeClientTokensAsync(clientId);
        return Info(descriptor);
    }

    static ClientInfo Info(OpenIddictApplicationDescriptor d) => new(
        d.ClientId!, d.DisplayName ?? "", d.ClientType ?? ClientTypes.Public,
        d.ConsentType == OI.ConsentTypes.Implicit,
        [.. d.Permissions.Where(p => p.StartsWith(OI.Permissions.Prefixes.GrantType, StringComparison.Ordinal)).Select(p => p[OI.Permissions.Prefixes.GrantType.Length..]).Order()],
        [.. d.Permissions.Where(p => p.StartsWith(OI.Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[OI.Permissions.Prefixes.Scope.Length..])
            .Concat(d.Permissions.Contains(OI.Permissions.Endpoints.Authorization) ? [BaseCommerce.Authentication.Scopes.OpenId] : [])
            .Concat(d.Permissions.Contains(OI.Permissions.Prefixes.GrantType + GrantTypes.RefreshToken) ? [BaseCommerce.Authentication.Scopes.OfflineAccess] : [])
            .Distinct().Order()],
        [.. d.RedirectUris.Select(u => u.OriginalString)],
        [.. d.PostLogoutRedirectUris.Select(u => u.OriginalString)],
        d.Settings.TryGetValue(OI.Settings.TokenLifetimes.AccessToken, out var lifetime) && TimeSpan.TryParse(lifetime, CultureInfo.InvariantCulture, out var span)
            ? (int)span.TotalSeconds : DefaultAccessTokenLifetimeSeconds);

    // RFC 9700 §4.1: exact registered URIs; https except for loopback development clients.
    static bool IsAcceptableRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && string.IsNullOrEmpty(u.Fragment) &&
        (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && (u.IsLoopback || u.Host.EndsWith(".localhost", StringComparison.Ordinal) || u.Host == "localhost")));
}
