using BaseCommerce.Identity.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaseCommerce.Identity.Pages;

/// <summary>Sign-out is a POST (with antiforgery), so no link or image on another site can sign a person out.</summary>
public sealed class LogoutModel(StaffSignIn signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(HttpContext);
        return LocalRedirect(Request.PathBase + "/login?signedOut=true");
    }
}
