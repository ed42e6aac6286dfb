using Npgsql;

namespace BaseCommerce.Ops.Jobs;

/// <summary>Recurring jobs an operator paused (<c>ops.paused_jobs</c>): the sync leaves them out of Hangfire until resumed.</summary>
public sealed class PausedJobs(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlySet<string>> AllAsync(CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = dataSource.CreateCommand("SELECT job_id FROM ops.paused_jobs");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task<bool> IsPausedAsync(string jobId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM ops.paused_jobs WHERE job_id = $1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>True when the job was not paused before.</summary>
    public async Task<bool> PauseAsync(string jobId, string by, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("INSERT INTO ops.paused_jobs (job_id, paused_by) VALUES ($1, $2) ON CONFLICT DO NOTHING");
        cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
        cmd.Parameters.Add(new NpgsqlParameter { Value = by });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>True when the job was paused.</summary>
    public async Task<bool> ResumeAsync(string jobId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM ops.paused_jobs WHERE job_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = jobId });
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }
}
