using System.Security.Claims;
using BaseCommerce.Authentication;
using BaseCommerce.Identity.Accounts;
using BaseCommerce.Identity.Accounts.Admin;
using BaseCommerce.Identity.Accounts.Entities;
using BaseCommerce.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BaseCommerce.Identity.SignIn;

/// <summary>
/// Staff sign-in on a store's host. Every failure (unknown e-mail, wrong password, disabled person, locked account) is
/// the same "no" to the caller, so the form reveals nothing about who has an account; wrong passwords and attempts on
/// disabled accounts count toward lockout. A success opens a session row and the host-only session cookie.
/// </summary>
public sealed class StaffSignIn(UserManager<StaffUser> users, IdentityDb db, TenantContext tenant, GrantRevocation grants, TimeProvider clock)
{
    // Verified against when the e-mail is unknown, so that answer takes as long as a wrong password.
    static readonly string DummyHash = new PasswordHasher<StaffUser>().HashPassword(new StaffUser(), "not-a-real-password-1A");

    public async Task<StaffUser?> VerifyAsync(string? email, string? password)
    {
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new StaffUser(), DummyHash, password ?? "");
            return null;
        }
        if (await users.IsLockedOutAsync(user))
            return null;
        var passwordOk = await users.CheckPasswordAsync(user, password ?? "");
        if (!passwordOk || !user.Active)
        {
            await users.AccessFailedAsync(user);
            return null;
        }
        if (user.AccessFailedCount > 0)
            await users.ResetAccessFailedCountAsync(user);
        return user;
    }

    public async Task SignInAsync(HttpContext http, StaffUser user)
    {
        var now = clock.GetUtcNow();
        var session = new StaffSession
        {
            UserId = user.Id,
            CreatedAt = now,
            ExpiresAt = now + AuthenticationRegistration.StaffSessionLifetime,
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 400),
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);

        var store = tenant.Tenant!;
        var claims = new List<Claim>
        {
            new(StaffClaims.Subject, user.Id.ToString()),
            new(StaffClaims.Name, user.Name),
            new(StaffClaims.Email, user.Email),
            new(StaffClaims.TenantId, store.Id.ToString()),
            new(StaffClaims.TenantSlug, store.Slug),
            new(StaffClaims.SessionId, session.Id.ToString()),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(StaffClaims.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "pwd", StaffClaims.Name, StaffClaims.Role));
        await http.SignInAsync(AuthSchemes.Session, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            IssuedUtc = now,
            ExpiresUtc = session.ExpiresAt,
        });
    }

    /// <summary>Ends the cookie's session (and the refresh tokens issued in it) and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(AuthSchemes.Session);
        if (result.Principal?.FindFirst(StaffClaims.SessionId)?.Value is { } sid && Guid.TryParse(sid, out var sessionId) &&
            result.Principal.FindFirst(StaffClaims.TenantId)?.Value == tenant.TenantId.ToString())
            await grants.EndSessionAsync(sessionId, http.RequestAborted);
        await http.SignOutAsync(AuthSchemes.Session);
    }

    static string? Truncate(string value, int length) => value.Length == 0 ? null : value.Length <= length ? value : value[..length];
}
