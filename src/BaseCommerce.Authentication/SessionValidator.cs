using BaseCommerce.Tenancy.Data;
using Npgsql;

namespace BaseCommerce.Authentication;

/// <summary>
/// Whether a staff session is still open (<c>identity.sessions</c>): signing out, disabling the person or resetting their
/// password ends it, and every service then refuses the cookie on its next request. One primary-key read, run as the
/// session's tenant so row-level security applies.
/// </summary>
public sealed class SessionValidator(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsOpenAsync(Guid tenantId, Guid sessionId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(TenantRlsInterceptor.SetTenantSql(tenantId) +
            "SELECT 1 FROM identity.sessions WHERE id = @id AND ended_at IS NULL AND expires_at > now()");
        cmd.Parameters.AddWithValue("id", sessionId);
        return await cmd.ExecuteScalarAsync(ct) is not null;
    }
}
