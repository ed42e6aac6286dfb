using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BaseCommerce.Verticals.Construction.Web;

/// <summary>
/// Text that reaches a page from its address or a form field (a search box, a wizard step) under the API's rules: no
/// control characters, and at most <see cref="Limits.Notes"/> characters. A refused value never reaches a query or the
/// wizard's stored state: the page reloads with the reason as a pt-BR flash message. (Input records are checked by the
/// commands themselves.)
/// </summary>
public sealed class WebTextFilter : IAsyncPageFilter, IOrderedFilter
{
    /// <summary>After the framework's own page filters, so the flash message (a [TempData] property) is saved with the redirect.</summary>
    public int Order => 1000;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var texts = context.HandlerArguments.Select(a => (Name: a.Key, a.Value))
            .Concat(BoundTexts(context.HandlerInstance))
            .Where(t => t.Value is string);
        foreach (var (name, value) in texts)
        {
            if (InputRules.TextProblem((string)value!, Limits.Notes, multiline: true) is not { } problem)
                continue;
            if (context.HandlerInstance is WebPage page)
            {
                page.FlashError = InputRules.Describe(name.ToLowerInvariant(), problem);
                page.Response.StatusCode = StatusCodes.Status400BadRequest;
                context.Result = AfterAction.Reload(page, page.Request.PathBase + page.Request.Path);
            }
            else
            {
                context.Result = new BadRequestResult();
            }
            return;
        }
        await next();
    }

    static IEnumerable<(string Name, object? Value)> BoundTexts(object page) =>
        page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.GetCustomAttribute<BindPropertyAttribute>() is not null)
            .Select(p => (p.Name, p.GetValue(page)));
}
