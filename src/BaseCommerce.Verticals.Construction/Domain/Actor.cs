using System.Security.Cryptography;
using System.Text;
using BaseCommerce.Authentication;

namespace BaseCommerce.Verticals.Construction.Domain;

/// <summary>Who is acting in this request (a staff member, or an OAuth client) and the correlation id events carry.</summary>
public sealed class Actor(IHttpContextAccessor accessor)
{
    HttpContext Http => accessor.HttpContext ?? throw new InvalidOperationException("No request in progress.");

    /// <summary>The staff member's id; null when an OAuth client acts for the store (client_credentials).</summary>
    public Guid? UserId =>
        Http.User.FindFirst(StaffClaims.ClientId)?.Value == Http.User.FindFirst(StaffClaims.Subject)?.Value
            ? null
            : Guid.TryParse(Http.User.FindFirst(StaffClaims.Subject)?.Value, out var id) ? id : null;

    public Guid CorrelationId
    {
        get
        {
            var value = Http.Items["X-Correlation-Id"] as string ?? Http.TraceIdentifier;
            if (Guid.TryParse(value, out var id))
                return id;
            // A caller's non-GUID id maps to a stable GUID, so every event of the request still shares one.
            return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
        }
    }
}
