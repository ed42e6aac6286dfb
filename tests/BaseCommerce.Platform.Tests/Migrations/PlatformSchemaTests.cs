using Npgsql;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Migrations;

/// <summary>The database every service starts from, as the repository's migrations build it.</summary>
[Collection(PlatformDatabaseCollection.Name)]
public sealed class PlatformSchemaTests(PlatformDatabase fixture)
{
    [Theory]
    [InlineData("identity")]
    [InlineData("construction")]
    [InlineData("stock")]
    [InlineData("sales")]
    [InlineData("pricing")]
    [InlineData("delivery")]
    [InlineData("ops")]
    [InlineData("messaging")]
    [InlineData("platform")]
    public async Task Schema_Exists_IsOwnedByTheOwnerRole_AndTheServiceRoleMayUseIt(string schema)
    {
        await using var c = new NpgsqlConnection(fixture.Database.AppConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT pg_get_userbyid(n.nspowner), has_schema_privilege(current_user, n.oid, 'USAGE'),
                   has_schema_privilege(current_user, n.oid, 'CREATE')
            FROM pg_namespace n WHERE n.nspname = @s
            """, c);
        cmd.Parameters.AddWithValue("s", schema);
        await using var reader = await cmd.ExecuteReaderAsync();

        (await reader.ReadAsync()).ShouldBeTrue($"schema {schema} should exist");
        reader.GetString(0).ShouldBe("basecommerce_owner");
        reader.GetBoolean(1).ShouldBeTrue("the service role needs USAGE");
        reader.GetBoolean(2).ShouldBeFalse("only migrations create objects");
    }

    [Fact]
    public async Task TenantDirectory_IsReadableByTheServiceRole()
    {
        await using var c = new NpgsqlConnection(fixture.Database.AppConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM identity.tenants", c);
        (await cmd.ExecuteScalarAsync()).ShouldBeOfType<long>();
    }
}
