using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BaseCommerce.Identity.Accounts.Admin;

/// <summary>Staff accounts of the current store (the scope's tenant): create, list, disable, enable, reset password.</summary>
public sealed class StaffAdmin(IdentityDb db, UserManager<StaffUser> users, GrantRevocation grants)
{
    public async Task<StaffUser> CreateAsync(string email, string name, IReadOnlyCollection<string> roles, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new AccountsException("Informe o nome da pessoa.");
        // The operators' roles belong to the platform's own store only; a store's roles are refused there.
        var allowed = db.Tenant.Tenant?.Slug == Operators.StoreSlug ? Operators.Roles : StaffRoles.All;
        var unknown = roles.Where(r => !allowed.Contains(r)).ToList();
        if (roles.Count == 0 || unknown.Count > 0)
            throw new AccountsException($"Papéis inválidos: {string.Join(", ", unknown.DefaultIfEmpty("(nenhum)"))}. Use um ou mais de: {string.Join(", ", allowed)}.");
        var user = new StaffUser { Email = (email ?? "").Trim(), Name = name.Trim(), Roles = roles.Distinct().ToList() };
        Check(await users.CreateAsync(user, password ?? ""));
        return user;
    }

    public Task<List<StaffUser>> ListAsync(CancellationToken ct = default) =>
        db.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(ct);

    public async Task<StaffUser> FindAsync(string email, CancellationToken ct = default) =>
        await users.FindByEmailAsync((email ?? "").Trim()) ?? throw new AccountsException($"Usuário '{email}' não encontrado nesta loja.");

    /// <summary>Disabling signs the person out everywhere: sessions end, refresh tokens are revoked, access tokens refused within seconds.</summary>
    public async Task<StaffUser> SetActiveAsync(string email, bool active, CancellationToken ct = default)
    {
        var user = await FindAsync(email, ct);
        user.Active = active;
        if (!active)
        {
            await users.UpdateSecurityStampAsync(user);
            await grants.EndUserSessionsAsync(user.Id, "user disabled", ct);
        }
        else
        {
            user.AccessFailedCount = 0;
            user.LockoutEnd = null;
            Check(await users.UpdateAsync(user));
        }
        return user;
    }

    /// <summary>Sets a new password, clears any lockout and signs the person out everywhere.</summary>
    public async Task<StaffUser> ResetPasswordAsync(string email, string newPassword, CancellationToken ct = default)
    {
        var user = await FindAsync(email, ct);
        foreach (var validator in users.PasswordValidators)
            Check(await validator.ValidateAsync(users, user, newPassword ?? ""));
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        await users.UpdateSecurityStampAsync(user);
        await grants.EndUserSessionsAsync(user.Id, "password reset", ct);
        return user;
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new AccountsException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
