using BaseCommerce.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaseCommerce.Verticals.Construction.Web;

/// <summary>
/// Base of every /web page: signed-in staff only, flash messages, and refused actions shown in pt-BR (a 4xx with the
/// message, never a 500) with nothing written.
/// </summary>
[Authorize(AuthenticationSchemes = AuthSchemes.Session, Policy = Api.Permissions.Read)]
public abstract class WebPage : PageModel
{
    [TempData] public string? Flash { get; set; }
    [TempData] public string? FlashError { get; set; }

    public Guid UserId => Guid.Parse(User.FindFirst(StaffClaims.Subject)!.Value);

    public bool IsHtmx => Request.Headers.ContainsKey("HX-Request");

    protected async Task<bool> MayAsync(string policy) =>
        (await HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, policy)).Succeeded;

    /// <summary>Runs an action the person asked for; a refusal becomes the flash error and the status code it deserves.</summary>
    protected async Task<IActionResult> ActAsync(string policy, Func<Task<string>> action, Func<IActionResult> then)
    {
        if (!await MayAsync(policy))
        {
            FlashError = "Você não tem permissão para esta ação. Fale com o administrador da loja.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return then();
        }
        try
        {
            Flash = await action();
        }
        catch (ProblemException e)
        {
            FlashError = e.ForPeople;
            Response.StatusCode = e.Status;
        }
        return then();
    }
}

/// <summary>After an action: HTMX refreshes the page (the flash tells what happened); a plain form follows a redirect.</summary>
public static class AfterAction
{
    public static IActionResult Reload(PageModel page, string url)
    {
        if (page.Request.Headers.ContainsKey("HX-Request"))
        {
            // 204 with HX-Location: HTMX loads the page, whose flash says what happened (also for a refusal).
            page.Response.Headers["HX-Location"] = url;
            return new NoContentResult();
        }
        return new RedirectResult(url);
    }
}
