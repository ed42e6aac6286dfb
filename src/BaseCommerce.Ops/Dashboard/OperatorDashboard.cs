using BaseCommerce.Authentication;
using BaseCommerce.Tenancy;
using Hangfire;
using Hangfire.Dashboard;

namespace BaseCommerce.Ops.Dashboard;

/// <summary>
/// Hangfire's dashboard at <c>/ops/hangfire</c>, for operators only: a staff session of the operators' store
/// (<see cref="Operators.StoreSlug"/>), on that store's host, with an operator role. Anonymous browsers are sent to sign in;
/// any store's staff get 403 (on their own host by this policy, on the operators' host already by the tenancy check).
/// <c>operador</c> reads; <c>operador-admin</c> also triggers, requeues and deletes. Hangfire's default filter (local
/// requests only) is never used: behind nginx every request is local.
/// </summary>
public static class OperatorDashboard
{
    public const string Policy = "ops:dashboard";
    public const string Path = "/hangfire";

    public static void AddPolicy(Microsoft.AspNetCore.Authorization.AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.Resource is HttpContext http && http.RequestServices.GetRequiredService<TenantContext>().Tenant?.Slug == Operators.StoreSlug
            && ScopePolicies.IsStaffSession(c) && Operators.IsOperator(c.User)));

    /// <summary>
    /// Hangfire's command and stats handlers read a form from any request and throw on one without a form body (a GET of
    /// <c>/stats</c>, a POST of JSON): that is the caller's mistake, so it gets a 400, not a 500.
    /// </summary>
    public static IApplicationBuilder UseOperatorDashboardErrors(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments(Path))
            {
                await next(http);
                return;
            }
            var expectsForm = HttpMethods.IsPost(http.Request.Method) || http.Request.Path.Value!.EndsWith("/stats", StringComparison.Ordinal);
            if (expectsForm && !http.Request.HasFormContentType)
            {
                await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Requisição inválida",
                    detail: "O painel espera um formulário (application/x-www-form-urlencoded) nesta chamada.").ExecuteAsync(http);
                return;
            }
            await next(http);
        });

    public static IEndpointConventionBuilder MapOperatorDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboardWithAuthorizationPolicy(Policy, Path, new DashboardOptions
        {
            DashboardTitle = "BaseCommerce · Tarefas agendadas",
            // nginx forwards /ops/… unchanged and Ops' path base is /ops: links are PathBase + path already.
            PrefixPath = "",
            AppPath = null,
            DisplayStorageConnectionString = false,
            StatsPollingInterval = 10_000,
            IsReadOnlyFunc = context => !Operators.IsOperatorAdmin(context.GetHttpContext().User),
        });
}
