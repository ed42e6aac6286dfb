using System.Collections.Immutable;
using System.Security.Claims;
using BaseCommerce.Authentication;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OI = OpenIddict.Abstractions.OpenIddictConstants;

namespace BaseCommerce.Identity.Pages;

/// <summary>
/// A third-party client asks to act for the signed-in person; what they allow is kept as OpenIddict's permanent
/// authorization for that client (the authorize action checks it), never as the grant its tokens belong to.
/// </summary>
[Authorize(AuthenticationSchemes = AuthSchemes.Session)]
public sealed class ConsentModel(IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations,
    TenantContext tenant, IOptions<AuthOptions> auth) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string ClientName { get; private set; } = "";
    public IReadOnlyList<string> RequestedScopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? BadRequestPage() : Page();

    public async Task<IActionResult> OnPostAsync(string? decision)
    {
        if (await LoadAsync() is not { } request)
            return BadRequestPage();
        var (application, query) = request;
        if (decision != "allow")
            return Redirect(QueryHelpers.AddQueryString(query["redirect_uri"]!, new Dictionary<string, string?>
            {
                ["error"] = OI.Errors.AccessDenied, ["error_description"] = "The person did not allow access.",
                ["state"] = query.GetValueOrDefault("state"), ["iss"] = auth.Value.IssuerFor(tenant.Tenant!.Slug),
            }.Where(p => !string.IsNullOrEmpty(p.Value))));

        var subject = User.FindFirst(StaffClaims.Subject)!.Value;
        var identity = new ClaimsIdentity(authenticationType: "consent");
        identity.SetClaim(OI.Claims.Subject, subject);
        await authorizations.CreateAsync(new ClaimsPrincipal(identity), subject, (await applications.GetIdAsync(application))!,
            OI.AuthorizationTypes.Permanent, [.. RequestedScopes]);
        return LocalRedirect(ReturnUrl!);
    }

    async Task<(object Application, Dictionary<string, string?> Query)?> LoadAsync()
    {
        var authorize = Request.PathBase + "/connect/authorize?";
        if (ReturnUrl is null || !ReturnUrl.StartsWith(authorize, StringComparison.Ordinal))
            return null;
        var query = QueryHelpers.ParseQuery(ReturnUrl[(authorize.Length - 1)..]).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        if (query.GetValueOrDefault("client_id") is not { Length: > 0 } clientId || await applications.FindByClientIdAsync(clientId) is not { } application
            || query.GetValueOrDefault("redirect_uri") is not { Length: > 0 } redirect || !await applications.ValidateRedirectUriAsync(application, redirect))
            return null;
        ClientName = await applications.GetDisplayNameAsync(application) ?? clientId;
        var allowed = new List<string>();
        foreach (var scope in Scopes.Parse(query.GetValueOrDefault("scope")))
            if (scope is Scopes.OpenId or Scopes.OfflineAccess || await applications.HasPermissionAsync(application, OI.Permissions.Prefixes.Scope + scope))
                allowed.Add(scope);
        RequestedScopes = allowed;
        return (application, query);
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
