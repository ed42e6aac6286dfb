using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts.Admin;

public sealed record NewClient(string ClientId, string Name, string ClientType, IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> Scopes, IReadOnlyList<string>? RedirectUris = null, IReadOnlyList<string>? PostLogoutRedirectUris = null,
    bool FirstParty = false, int? AccessTokenLifetimeSeconds = null,
    // Only the demo seed sets it, so the README can print the demo client's secret; otherwise one is generated.
    string? KnownSecret = null);

/// <summary>The created client and, for a confidential one, its secret: shown this once, stored only as a hash.</summary>
public sealed record CreatedClient(OAuthClient Client, string? Secret);

/// <summary>OAuth clients of the current store: register, list, revoke.</summary>
public sealed class ClientAdmin(IdentityDb db, GrantRevocation grants)
{
    public async Task<CreatedClient> CreateAsync(NewClient request, CancellationToken ct = default)
    {
        if (request.ClientType is not (ClientTypes.Confidential or ClientTypes.Public))
            throw new AccountsException($"Tipo de cliente '{request.ClientType}' inválido: use confidential ou public.");
        if (string.IsNullOrWhiteSpace(request.Name))
            throw new AccountsException("Informe o nome do cliente.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(request.ClientId ?? "", "^[A-Za-z0-9._-]{3,100}$"))
            throw new AccountsException($"client_id '{request.ClientId}' inválido: de 3 a 100 letras, números, '.', '_' ou '-'.");
        var grants = request.GrantTypes.Distinct().ToList();
        if (grants.Count == 0 || grants.Any(g => !GrantTypes.All.Contains(g)))
            throw new AccountsException($"Tipos de concessão inválidos: use um ou mais de {string.Join(", ", GrantTypes.All)}.");
        if (request.ClientType == ClientTypes.Public && grants.Contains(GrantTypes.ClientCredentials))
            throw new AccountsException("Um cliente público não pode usar client_credentials: ele não guarda segredo.");
        var scopes = request.Scopes.Distinct().ToList();
        if (scopes.Count == 0 || scopes.Any(s => !BaseCommerce.Authentication.Scopes.All.Contains(s)))
            throw new AccountsException($"Escopos inválidos: use um ou mais de {string.Join(", ", BaseCommerce.Authentication.Scopes.All)}.");
        var redirects = (request.RedirectUris ?? []).Distinct().ToList();
        if (grants.Contains(GrantTypes.AuthorizationCode) && redirects.Count == 0)
            throw new AccountsException("O fluxo authorization_code precisa de pelo menos uma URI de redirecionamento.");
        foreach (var uri in redirects.Concat(request.PostLogoutRedirectUris ?? []))
            if (!IsAcceptableRedirect(uri))
                throw new AccountsException($"URI de redirecionamento '{uri}' inválida: use uma URL absoluta https (http só em localhost), sem fragmento.");
        if (request.AccessTokenLifetimeSeconds is < 60 or > 3600)
            throw new AccountsException("A validade do token de acesso deve ficar entre 60 e 3600 segundos.");

        if (await db.Clients.AnyAsync(c => c.ClientId == request.ClientId, ct))
            throw new AccountsException($"Já existe um cliente '{request.ClientId}' nesta loja.");

        var secret = request.ClientType == ClientTypes.Confidential ? request.KnownSecret ?? Secrets.New() : null;
        var client = new OAuthClient
        {
            ClientId = request.ClientId!,
            Name = request.Name.Trim(),
            ClientType = request.ClientType,
            SecretHash = secret is null ? null : Secrets.Hash(secret),
            FirstParty = request.FirstParty,
            GrantTypes = grants,
            Scopes = scopes,
            RedirectUris = redirects,
            PostLogoutRedirectUris = (request.PostLogoutRedirectUris ?? []).Distinct().ToList(),
            AccessTokenLifetimeSeconds = request.AccessTokenLifetimeSeconds ?? 900,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return new CreatedClient(client, secret);
    }

    public Task<List<OAuthClient>> ListAsync(CancellationToken ct = default) =>
        db.Clients.AsNoTracking().OrderBy(c => c.ClientId).ToListAsync(ct);

    /// <summary>A revoked client can get no new token, its refresh tokens stop working at once and its access tokens within seconds.</summary>
    public async Task<OAuthClient> RevokeAsync(string clientId, CancellationToken ct = default)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.ClientId == clientId, ct)
            ?? throw new AccountsException($"Cliente '{clientId}' não encontrado nesta loja.");
        client.RevokedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(ct);
        await grants.RevokeClientTokensAsync(clientId, ct);
        return client;
    }

    // RFC 9700 §4.1: exact registered URIs; https except for loopback development clients.
    static bool IsAcceptableRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && string.IsNullOrEmpty(u.Fragment) &&
        (u.Scheme == Uri.UriSchemeHttps || (u.Scheme == Uri.UriSchemeHttp && (u.IsLoopback || u.Host.EndsWith(".localhost", StringComparison.Ordinal) || u.Host == "localhost")));
}
