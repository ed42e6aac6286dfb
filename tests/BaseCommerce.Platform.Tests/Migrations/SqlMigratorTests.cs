using BaseCommerce.Migrations;
using BaseCommerce.Testing;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Migrations;

[Collection(PlatformDatabaseCollection.Name)]
public sealed class SqlMigratorTests(PlatformDatabase fixture) : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("bc-migrations-").FullName;
    readonly string _schema = "mig_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ApplyAsync_AppliesPendingScriptsInOrder_AndNothingTheSecondTime()
    {
        Write("0002_add_note.sql", "ALTER TABLE items ADD COLUMN note text;");
        Write("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY);");
        var migrator = new SqlMigrator(fixture.Database.OwnerConnection);

        var first = await migrator.ApplyAsync([Service()]);
        var second = await migrator.ApplyAsync([Service()]);

        first.Select(a => a.Script.Version).ShouldBe([1, 2]);
        second.ShouldBeEmpty();
        (await Scalar($"SELECT count(*) FROM {_schema}.schema_migrations")).ShouldBe(2L);
        (await Scalar($"SELECT count(*) FROM information_schema.columns WHERE table_schema = '{_schema}' AND column_name = 'note'")).ShouldBe(1L);
    }

    [Fact]
    public async Task ApplyAsync_RefusesAnAppliedScriptThatWasEdited()
    {
        Write("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY);");
        var migrator = new SqlMigrator(fixture.Database.OwnerConnection);
        await migrator.ApplyAsync([Service()]);

        Write("0001_items.sql", "CREATE TABLE items (id bigint PRIMARY KEY);");
        var error = await Should.ThrowAsync<MigrationException>(() => migrator.ApplyAsync([Service()]));

        error.Message.ShouldContain("was changed after it was applied");
    }

    [Fact]
    public async Task ApplyAsync_RollsBackAFailingScriptWhole()
    {
        Write("0001_broken.sql", "CREATE TABLE half (id int); SELECT * FROM no_such_table;");
        var migrator = new SqlMigrator(fixture.Database.OwnerConnection);

        var error = await Should.ThrowAsync<MigrationException>(() => migrator.ApplyAsync([Service()]));

        error.Message.ShouldContain("no_such_table");
        (await Scalar($"SELECT count(*) FROM {_schema}.schema_migrations")).ShouldBe(0L);
        (await Scalar($"SELECT to_regclass('{_schema}.half') IS NULL")).ShouldBe(true);
    }

    [Fact]
    public async Task ApplyAsync_FromConcurrentMigrators_AppliesEachScriptOnce()
    {
        // Without the advisory lock, both would try to create the table and one would fail.
        Write("0001_items.sql", "CREATE TABLE items (id int PRIMARY KEY); SELECT pg_sleep(0.3);");
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            new SqlMigrator(fixture.Database.OwnerConnection).ApplyAsync([Service()])));

        results.Sum(r => r.Count).ShouldBe(1);
    }

    [Fact]
    public void LoadFolder_RefusesBadFileNames()
    {
        Write("1_items.sql", "SELECT 1;");
        Should.Throw<MigrationException>(() => MigrationScript.LoadFolder(_folder)).Message.ShouldContain("NNNN_description.sql");
    }

    ServiceMigrations Service() => ServiceMigrations.FromFolder(_schema, _folder);

    void Write(string file, string sql) => File.WriteAllText(Path.Combine(_folder, file), sql);

    async Task<object?> Scalar(string sql)
    {
        await using var c = new NpgsqlConnection(fixture.Database.OwnerConnection);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
