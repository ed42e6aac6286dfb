using BaseCommerce.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Tenancy;

/// <summary>Isolation as EF Core enforces it, with row-level security underneath.</summary>
[Collection(PlatformDatabaseCollection.Name)]
public sealed class TenantDbContextTests(PlatformDatabase fixture) : IAsyncLifetime
{
    readonly TenantInfo _a = new(Guid.NewGuid(), "loja-a", "Loja A", true);
    readonly TenantInfo _b = new(Guid.NewGuid(), "loja-b", "Loja B", true);
    Guid _noteOfB;

    public async Task InitializeAsync()
    {
        await NotesSchema.EnsureAsync(fixture.Database);
        await using (var a = Context(_a)) { a.Notes.Add(new Note { Body = "cimento para A" }); await a.SaveChangesAsync(); }
        await using var b = Context(_b);
        var note = new Note { Body = "areia para B" };
        b.Notes.Add(note);
        await b.SaveChangesAsync();
        _noteOfB = note.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Query_AsTenantA_ReturnsOnlyTenantARows()
    {
        await using var a = Context(_a);
        var notes = await a.Notes.ToListAsync();
        notes.ShouldNotBeEmpty();
        notes.ShouldAllBe(n => n.TenantId == _a.Id);
    }

    [Fact]
    public async Task Insert_StampsTheCurrentTenant()
    {
        await using var a = Context(_a);
        var note = new Note { Body = "tijolo" };
        a.Notes.Add(note);
        await a.SaveChangesAsync();
        note.TenantId.ShouldBe(_a.Id);
    }

    [Fact]
    public async Task Insert_ForAnotherTenant_IsRefusedAndNothingIsWritten()
    {
        await using var a = Context(_a);
        var intruder = new Note { TenantId = _b.Id, Body = "intrusa-" + Guid.NewGuid() };
        a.Notes.Add(intruder);

        await Should.ThrowAsync<CrossTenantWriteException>(() => a.SaveChangesAsync());

        await using var b = Context(_b);
        (await b.Notes.AnyAsync(n => n.Body == intruder.Body)).ShouldBeFalse();
    }

    [Fact]
    public async Task Update_OfAnotherTenantsRow_IsRefused()
    {
        await using var a = Context(_a);
        a.Notes.Attach(new Note { Id = _noteOfB, TenantId = _b.Id, Body = "alterada" }).State = EntityState.Modified;
        await Should.ThrowAsync<CrossTenantWriteException>(() => a.SaveChangesAsync());
    }

    [Fact]
    public async Task FindById_OfAnotherTenantsRow_ReturnsNothing()
    {
        await using var a = Context(_a);
        (await a.Notes.FirstOrDefaultAsync(n => n.Id == _noteOfB)).ShouldBeNull();
    }

    [Fact]
    public async Task IgnoringTheQueryFilter_RowLevelSecurityStillHidesOtherTenants()
    {
        await using var a = Context(_a);
        var notes = await a.Notes.IgnoreQueryFilters().ToListAsync();
        notes.ShouldAllBe(n => n.TenantId == _a.Id);
        (await a.Database.SqlQueryRaw<Guid>("SELECT tenant_id AS \"Value\" FROM tenancy_test.notes").ToListAsync())
            .ShouldAllBe(t => t == _a.Id);
    }

    [Fact]
    public async Task BulkUpdate_ThroughEf_TouchesOnlyTheCurrentTenant()
    {
        await using var a = Context(_a);
        await a.Notes.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(n => n.Body, n => n.Body));
        await using var b = Context(_b);
        (await b.Notes.SingleAsync(n => n.Id == _noteOfB)).Body.ShouldBe("areia para B");
    }

    [Fact]
    public async Task Query_WithoutATenant_Throws()
    {
        await using var none = NotesContext.For(fixture.Database.AppConnection, new TenantContext());
        var error = await Should.ThrowAsync<Exception>(() => none.Notes.ToListAsync());
        Unwrap(error).ShouldBeOfType<TenantNotResolvedException>();
    }

    [Fact]
    public async Task Query_AsThePlatform_Throws()
    {
        var platform = new TenantContext();
        platform.UsePlatform();
        await using var context = NotesContext.For(fixture.Database.AppConnection, platform);
        var error = await Should.ThrowAsync<Exception>(() => context.Notes.ToListAsync());
        Unwrap(error).ShouldBeOfType<TenantNotResolvedException>();
    }

    [Fact]
    public async Task ReusedPooledConnection_ServesTheNextTenantOnlyItsOwnRows()
    {
        var single = new NpgsqlConnectionStringBuilder(fixture.Database.AppConnection)
        { MaxPoolSize = 1, ApplicationName = "ef-pool-" + Guid.NewGuid().ToString("N")[..6] }.ConnectionString;
        await using (var a = NotesContext.For(single, Tenant(_a)))
            (await a.Notes.ToListAsync()).ShouldAllBe(n => n.TenantId == _a.Id);
        await using var b = NotesContext.For(single, Tenant(_b));
        var notes = await b.Notes.IgnoreQueryFilters().ToListAsync();
        notes.ShouldNotBeEmpty();
        notes.ShouldAllBe(n => n.TenantId == _b.Id);
    }

    [Fact]
    public void TenantContext_CannotSwitchTenants()
    {
        var context = Tenant(_a);
        Should.Throw<InvalidOperationException>(() => context.Use(_b));
        Should.Throw<InvalidOperationException>(() => context.UsePlatform());
    }

    [Fact]
    public async Task ASaveThatPostgreSqlRejects_WritesNothing_AndTheNextSaveWorks()
    {
        await using var a = Context(_a);
        var good = new Note { Body = "argamassa-" + Guid.NewGuid() };
        var duplicate = new Note { Id = good.Id, Body = "duplicada" };
        a.Notes.Add(good);
        await a.SaveChangesAsync();
        var second = new Note { Body = "cal-" + Guid.NewGuid() };
        a.Notes.Add(second);
        a.Entry(good).State = EntityState.Detached;
        a.Notes.Add(duplicate); // same primary key as a saved row: PostgreSQL refuses the batch

        await Should.ThrowAsync<DbUpdateException>(() => a.SaveChangesAsync());

        a.Entry(duplicate).State = EntityState.Detached;
        await a.SaveChangesAsync();
        await using var check = Context(_a);
        (await check.Notes.CountAsync(n => n.Body == second.Body)).ShouldBe(1);
        (await check.Notes.AnyAsync(n => n.Body == "duplicada")).ShouldBeFalse();
    }

    [Fact]
    public async Task InTheCallersTransaction_AFailedSave_LeavesTheTransactionUsable()
    {
        await using var a = Context(_a);
        var kept = new Note { Body = "bloco-" + Guid.NewGuid() };
        await using var transaction = await a.Database.BeginTransactionAsync();
        a.Notes.Add(kept);
        await a.SaveChangesAsync();
        var clash = new Note { Id = kept.Id, Body = "conflito" };
        a.Entry(kept).State = EntityState.Detached;
        a.Notes.Add(clash);

        await Should.ThrowAsync<DbUpdateException>(() => a.SaveChangesAsync());

        // EF rolled back to its savepoint: the transaction goes on and commits the first save.
        a.Entry(clash).State = EntityState.Detached;
        await transaction.CommitAsync();
        await using var check = Context(_a);
        (await check.Notes.CountAsync(n => n.Body == kept.Body)).ShouldBe(1);
    }

    NotesContext Context(TenantInfo tenant) => NotesContext.For(fixture.Database.AppConnection, Tenant(tenant));

    static TenantContext Tenant(TenantInfo tenant)
    {
        var context = new TenantContext();
        context.Use(tenant);
        return context;
    }

    static Exception Unwrap(Exception e) => e is TenantNotResolvedException || e.InnerException is null ? e : Unwrap(e.InnerException);
}
