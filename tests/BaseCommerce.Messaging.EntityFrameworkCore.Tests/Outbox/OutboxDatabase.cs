using BaseCommerce.Tenancy;
using BaseCommerce.Messaging.TestShop;
using BaseCommerce.Testing;
using Npgsql;

namespace BaseCommerce.Messaging.EntityFrameworkCore.Tests.Outbox;

/// <summary>The test run's database: every platform migration plus the test schema, and two stores.</summary>
public sealed class OutboxDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TenantInfo Demo { get; private set; } = null!;
    public TenantInfo Acme { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("bc_test_messaging_ef");
        await Database.ExecuteAsOwnerAsync(ShopDb.CreateSchemaSql);
        Demo = new TenantInfo(await Database.CreateTenantAsync("demo"), "demo", "Loja demo", true);
        Acme = new TenantInfo(await Database.CreateTenantAsync("acme"), "acme", "Loja acme", true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnection);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnection);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

[CollectionDefinition(Name)]
public sealed class OutboxDatabaseCollection : ICollectionFixture<OutboxDatabase>
{
    public const string Name = "outbox database";
}
