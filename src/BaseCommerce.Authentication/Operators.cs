using System.Security.Claims;

namespace BaseCommerce.Authentication;

/// <summary>
/// Operators are the platform's people, not a store's: staff of one reserved store, <see cref="StoreSlug"/>, who sign in
/// through Identity on its host like any staff and carry one of <see cref="Roles"/>. Those roles exist only in that
/// store; in any other they are refused, and the operator pages refuse every other store's session.
/// </summary>
public static class Operators
{
    /// <summary>The reserved store whose staff are the platform's operators.</summary>
    public const string StoreSlug = "plataforma";

    /// <summary>Sees the scheduled jobs and their history, read-only.</summary>
    public const string Viewer = "operador";

    /// <summary>Also triggers, requeues and deletes jobs.</summary>
    public const string Admin = "operador-admin";

    public static readonly IReadOnlyList<string> Roles = [Viewer, Admin];

    public static bool IsOperator(ClaimsPrincipal user) => Roles.Any(r => user.HasClaim(StaffClaims.Role, r));

    public static bool IsOperatorAdmin(ClaimsPrincipal user) => user.HasClaim(StaffClaims.Role, Admin);
}
