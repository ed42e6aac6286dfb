using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Identity.Oidc;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Pages;

/// <summary>A third-party client asks to act for the signed-in person; what they allow is remembered per client.</summary>
[Authorize(AuthenticationSchemes = AuthSchemes.Session)]
public sealed class ConsentModel(IdentityDb db, TokenFactory tokens) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string ClientName { get; private set; } = "";
    public IReadOnlyList<string> RequestedScopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? BadRequestPage() : Page();

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        if (await LoadAsync() is not { } request)
            return BadRequestPage();
        var (client, query) = request;
        if (decision != "allow")
        {
            var issuer = tokens.IssuerFor(HttpContext.RequestServices.GetRequiredService<Tenancy.TenantContext>().Tenant!);
            return Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, new Dictionary<string, string?>
            {
                ["error"] = OAuthError.AccessDenied, ["error_description"] = "The person did not allow access.",
                ["state"] = query.GetValueOrDefault("state"), ["iss"] = issuer,
            }.Where(p => !string.IsNullOrEmpty(p.Value))));
        }

        var userId = Guid.Parse(User.FindFirst(StaffClaims.Subject)!.Value);
        var consent = await db.Consents.SingleOrDefaultAsync(c => c.UserId == userId && c.ClientId == client.ClientId);
        if (consent is null)
            db.Consents.Add(new Consent { UserId = userId, ClientId = client.ClientId, Scopes = [.. RequestedScopes] });
        else
        {
            consent.Scopes = consent.Scopes.Union(RequestedScopes).ToList();
            consent.GrantedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync();
        return LocalRedirect(ReturnUrl!);
    }

    async Task<(OAuthClient, Dictionary<string, string?>)?> LoadAsync()
    {
        var authorize = Request.PathBase + "/connect/authorize?";
        if (ReturnUrl is null || !ReturnUrl.StartsWith(authorize, StringComparison.Ordinal))
            return null;
        var query = QueryHelpers.ParseQuery(ReturnUrl[(authorize.Length - 1)..]).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        var clientId = query.GetValueOrDefault("client_id");
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId);
        if (client is null || client.RevokedAt is not null || !client.RedirectUris.Contains(query.GetValueOrDefault("redirect_uri") ?? ""))
            return null;
        ClientName = client.Name;
        RequestedScopes = Scopes.Parse(query.GetValueOrDefault("scope")).Where(client.Scopes.Contains).ToList();
        return (client, query);
    }

    IActionResult BadRequestPage() =>
        LocalRedirect(Request.PathBase + "/error?title=" + Uri.EscapeDataString("Pedido inválido") +
                      "&detail=" + Uri.EscapeDataString("Não há pedido de autorização para confirmar."));

    public static string Describe(string scope) => scope switch
    {
        Scopes.OpenId => "Saber quem você é",
        Scopes.Profile => "Ver seu nome",
        Scopes.Email => "Ver seu e-mail",
        Scopes.OfflineAccess => "Continuar conectado quando você não estiver usando o aplicativo",
        Scopes.Api => "Consultar e alterar cadastros, cotações e pedidos da loja",
        Scopes.ApiRead => "Consultar cadastros, cotações e pedidos da loja",
        Scopes.Ops => "Ver a operação da plataforma",
        _ => scope,
    };
}
