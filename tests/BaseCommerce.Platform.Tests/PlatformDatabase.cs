using BaseCommerce.Testing;

namespace BaseCommerce.Platform.Tests;

/// <summary>One migrated database for this test project, created fresh at the start of the run.</summary>
public sealed class PlatformDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync() => Database = await TestDatabase.CreateAsync("bc_test_platform");

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class PlatformDatabaseCollection : ICollectionFixture<PlatformDatabase>
{
    public const string Name = "platform database";
}
