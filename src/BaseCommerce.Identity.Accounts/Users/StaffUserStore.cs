using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts.Users;

/// <summary>
/// ASP.NET Core Identity's view of <c>identity.users</c>. Lookups go through <see cref="IdentityDb"/>, whose query
/// filter and row-level security restrict them to the current store, so an e-mail names a person within one store.
/// The user name is the e-mail. (Microsoft's EF store needs IdentityDbContext, which cannot also be our TenantDbContext.)
/// </summary>
public sealed class StaffUserStore(IdentityDb db) :
    IUserPasswordStore<StaffUser>, IUserEmailStore<StaffUser>, IUserSecurityStampStore<StaffUser>, IUserLockoutStore<StaffUser>
{
    public async Task<IdentityResult> CreateAsync(StaffUser user, CancellationToken ct)
    {
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            db.Entry(user).State = EntityState.Detached;
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = $"Já existe um usuário com o e-mail '{user.Email}' nesta loja." });
        }
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(StaffUser user, CancellationToken ct)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        user.UpdatedAt = DateTimeOffset.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(StaffUser user, CancellationToken ct)
    {
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        return IdentityResult.Success;
    }

    public Task<StaffUser?> FindByIdAsync(string userId, CancellationToken ct) =>
        Guid.TryParse(userId, out var id) ? db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) : Task.FromResult<StaffUser?>(null);

    public Task<StaffUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => FindByEmailAsync(normalizedUserName, ct);

    public Task<StaffUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) =>
        db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, ct);

    public Task<string> GetUserIdAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(StaffUser user, string? userName, CancellationToken ct) { user.Email = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(StaffUser user, string? normalizedName, CancellationToken ct) { user.NormalizedEmail = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetEmailAsync(StaffUser user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    // Staff accounts are created by the store's admin, who vouches for the address.
    public Task<bool> GetEmailConfirmedAsync(StaffUser user, CancellationToken ct) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(StaffUser user, bool confirmed, CancellationToken ct) => Task.CompletedTask;
    public Task<string?> GetNormalizedEmailAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(StaffUser user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(StaffUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(StaffUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(StaffUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(StaffUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(StaffUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(StaffUser user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(StaffUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(StaffUser user, CancellationToken ct) => Task.FromResult(true);
    public Task SetLockoutEnabledAsync(StaffUser user, bool enabled, CancellationToken ct) => Task.CompletedTask;

    public void Dispose() { }
}
