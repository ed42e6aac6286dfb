namespace BaseCommerce.Migrations;

/// <summary>
/// The two roles every deployment has. Migrations own the tables; services log in as the app role,
/// which owns nothing and lacks BYPASSRLS, so row-level security always applies to it.
/// Migration SQL grants to these names, so they are fixed; only their passwords are configuration.
/// </summary>
public static class DatabaseRoles
{
    public const string Owner = "basecommerce_owner";
    public const string App = "basecommerce_app";
}
