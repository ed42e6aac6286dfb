using BaseCommerce.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaseCommerce.Identity.Pages;

/// <summary>Who is signed in on this store's host.</summary>
[Authorize(AuthenticationSchemes = AuthSchemes.Session)]
public sealed class IndexModel : PageModel
{
    public string Name => User.FindFirst(StaffClaims.Name)?.Value ?? "";
    public string Email => User.FindFirst(StaffClaims.Email)?.Value ?? "";
    public string Store => User.FindFirst(StaffClaims.TenantSlug)?.Value ?? "";
    public IEnumerable<string> Roles => User.FindAll(StaffClaims.Role).Select(c => c.Value);
    public string Home => LoginModel.HomeOf(Store);
    public string HomeName => Store == Operators.StoreSlug ? "o painel de operações" : "o sistema da loja";

    public void OnGet() { }
}
