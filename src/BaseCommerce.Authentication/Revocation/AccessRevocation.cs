using System.Globalization;

namespace BaseCommerce.Authentication.Revocation;

/// <summary>What a revocation names: one access token, or every access token of a person, a session or a client.</summary>
public enum RevocationKind
{
    /// <summary>The access token whose <c>jti</c> is the key.</summary>
    Token = 't',
    /// <summary>Every access token of the person (<c>sub</c>) issued up to the revocation: disabled, or their password reset.</summary>
    Subject = 's',
    /// <summary>Every access token of the staff session (<c>sid</c>) issued up to the revocation: signed out.</summary>
    Session = 'e',
    /// <summary>Every access token of the client (<c>client_id</c>) issued up to the revocation: the client was revoked.</summary>
    Client = 'c',
    /// <summary>
    /// Every access token of one grant (OpenIddict's authorization, <c>oi_au_id</c>) issued up to the revocation: its code
    /// was replayed, a rotated-away refresh token of it was used again, or its refresh token was revoked.
    /// </summary>
    Grant = 'g',
}

/// <summary>
/// An access-token revocation as every service receives it (<see cref="RevocationStream"/>): tokens of
/// <paramref name="TenantId"/> matching <paramref name="Kind"/> and <paramref name="Key"/> and issued at or before
/// <paramref name="IssuedUpTo"/> are refused, until <paramref name="Until"/>, after which every such token has expired anyway.
/// </summary>
public sealed record AccessRevocation(RevocationKind Kind, Guid TenantId, string Key, DateTimeOffset IssuedUpTo, DateTimeOffset Until)
{
    /// <summary>
    /// How long a revocation of a person, session or client must be remembered: the longest access-token lifetime a client
    /// may have (60 min) and the validators' clock skew (30 s), rounded up.
    /// </summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(61);

    public static AccessRevocation Token(Guid tenantId, string jti, DateTimeOffset expiresAt) =>
        new(RevocationKind.Token, tenantId, jti, expiresAt, expiresAt + TimeSpan.FromMinutes(1));

    public static AccessRevocation Subject(Guid tenantId, string subject, DateTimeOffset now) => Everything(RevocationKind.Subject, tenantId, subject, now);

    public static AccessRevocation Session(Guid tenantId, Guid sessionId, DateTimeOffset now) => Everything(RevocationKind.Session, tenantId, sessionId.ToString(), now);

    public static AccessRevocation Client(Guid tenantId, string clientId, DateTimeOffset now) => Everything(RevocationKind.Client, tenantId, clientId, now);

    public static AccessRevocation Grant(Guid tenantId, string authorizationId, DateTimeOffset now) => Everything(RevocationKind.Grant, tenantId, authorizationId, now);

    // iat has whole seconds: a token issued in the revocation's own second is refused too (the safe side).
    static AccessRevocation Everything(RevocationKind kind, Guid tenantId, string key, DateTimeOffset now) =>
        new(kind, tenantId, key, DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()), now + Horizon);

    /// <summary>One stream field: <c>kind|tenant|issuedUpTo|until|key</c> (Unix seconds; the key last, as it may hold anything).</summary>
    public string Serialize() =>
        string.Join('|', (char)Kind, TenantId.ToString("N"), IssuedUpTo.ToUnixTimeSeconds(), Until.ToUnixTimeSeconds(), Key);

    public static AccessRevocation? Parse(string value)
    {
        var parts = value.Split('|', 5);
        if (parts is not [[var kind], var tenant, var issued, var until, var key] || !Enum.IsDefined(typeof(RevocationKind), (int)kind)
            || !Guid.TryParseExact(tenant, "N", out var tenantId)
            || !long.TryParse(issued, NumberStyles.Integer, CultureInfo.InvariantCulture, out var issuedUpTo)
            || !long.TryParse(until, NumberStyles.Integer, CultureInfo.InvariantCulture, out var untilSeconds))
            return null;
        return new((RevocationKind)kind, tenantId, key, DateTimeOffset.FromUnixTimeSeconds(issuedUpTo), DateTimeOffset.FromUnixTimeSeconds(untilSeconds));
    }
}
