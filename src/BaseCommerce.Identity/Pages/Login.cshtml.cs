using BaseCommerce.Authentication;
using BaseCommerce.Identity.SignIn;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaseCommerce.Identity.Pages;

public sealed class LoginModel(StaffSignIn signIn, TenantContext tenant) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true, Name = "signedOut")] public bool SignedOut { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.VerifyAsync(Email, Password);
        if (user is null)
        {
            // One message for every reason, so the form tells nobody which e-mails have accounts.
            Error = "E-mail ou senha inválidos, ou acesso bloqueado. Confira os dados ou fale com o administrador da loja.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await signIn.SignInAsync(HttpContext, user);
        return LocalRedirect(SafeReturnUrl(ReturnUrl, tenant.Tenant?.Slug));
    }

    /// <summary>
    /// Only a path on this host: a full URL here would make the login an open redirect. Without one, where the person
    /// works: the store's web app, or the operators' dashboard for the platform's own store.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl, string? storeSlug) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : HomeOf(storeSlug);

    public static string HomeOf(string? storeSlug) => storeSlug == Operators.StoreSlug ? "/ops/hangfire" : "/web/";
}
