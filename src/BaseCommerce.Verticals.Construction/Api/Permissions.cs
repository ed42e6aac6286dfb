using BaseCommerce.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace BaseCommerce.Verticals.Construction.Api;

/// <summary>
/// Who may do what, as authorization policies. People are checked by role; an OAuth client acting for the store
/// (client_credentials) by scope: <c>api</c> may do everything the API offers, <c>api.read</c> only read.
/// </summary>
public static class Permissions
{
    public const string Read = "construction.read";
    public const string ManageCustomers = "construction.customers";
    public const string DeleteCustomers = "construction.customers.delete";
    public const string ManageProducts = "construction.products";
    public const string SellQuotes = "construction.quotes.sell";
    public const string ApproveQuotes = "construction.quotes.approve";
    public const string CancelQuotes = "construction.quotes.cancel";
    public const string CreateOrders = "construction.orders.create";
    public const string DeliverOrders = "construction.orders.deliver";
    public const string CancelOrders = "construction.orders.cancel";
    public const string ManageStock = "construction.stock";
    public const string ManageSettings = "construction.settings";

    static readonly (string Policy, string[] Roles)[] Matrix =
    [
        (Read, [.. StaffRoles.All]),
        (ManageCustomers, [StaffRoles.Admin, StaffRoles.Vendedor, StaffRoles.Financeiro]),
        (DeleteCustomers, [StaffRoles.Admin]),
        (ManageProducts, [StaffRoles.Admin]),
        (SellQuotes, [StaffRoles.Admin, StaffRoles.Vendedor]),
        (ApproveQuotes, [StaffRoles.Admin, StaffRoles.Financeiro]),
        (CancelQuotes, [StaffRoles.Admin, StaffRoles.Vendedor, StaffRoles.Financeiro]),
        (CreateOrders, [StaffRoles.Admin, StaffRoles.Vendedor]),
        (DeliverOrders, [StaffRoles.Admin, StaffRoles.Motorista]),
        (CancelOrders, [StaffRoles.Admin, StaffRoles.Vendedor, StaffRoles.Financeiro]),
        (ManageStock, [StaffRoles.Admin, StaffRoles.Estoquista]),
        (ManageSettings, [StaffRoles.Admin]),
    ];

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in Matrix)
        {
            var readOnly = policy == Read;
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
                IsStoreClient(context)
                    ? ScopePolicies.HasScope(context, Scopes.Api) || (readOnly && ScopePolicies.HasScope(context, Scopes.ApiRead))
                    : (ScopePolicies.IsStaffSession(context) || ScopePolicies.HasScope(context, Scopes.Api) ||
                       (readOnly && ScopePolicies.HasScope(context, Scopes.ApiRead))) &&
                      roles.Any(r => context.User.HasClaim(StaffClaims.Role, r))));
        }
    }

    /// <summary>A client_credentials token: the client is its own subject and acts for the store, not for a person.</summary>
    static bool IsStoreClient(AuthorizationHandlerContext context) =>
        context.User.FindFirst(StaffClaims.ClientId)?.Value is { } client && client == context.User.FindFirst(StaffClaims.Subject)?.Value;
}
