using MassTransit;

namespace BaseCommerce.Messaging.RedisStreams.Transport;

/// <summary>
/// Acknowledges a queue's completed entries together: while one XACK+XDEL is on its way, the entries completed meanwhile
/// wait and go in the next call. A quiet queue acknowledges each entry at once; a busy one needs far fewer round trips.
/// Each caller still learns whether its own acknowledgement succeeded.
/// </summary>
internal sealed class AckBatcher(Func<IReadOnlyCollection<string>, Task> acknowledge)
{
    readonly Lock _sync = new();
    List<(string Id, TaskCompletionSource Done)> _waiting = [];
    bool _flushing;

    public Task AckAsync(string entryId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool flush;
        lock (_sync)
        {
            _waiting.Add((entryId, done));
            flush = !_flushing;
            _flushing = true;
        }
        if (flush)
            _ = Task.Run(Flush);
        return done.Task;
    }

    async Task Flush()
    {
        while (true)
        {
            List<(string Id, TaskCompletionSource Done)> batch;
            lock (_sync)
            {
                if (_waiting.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batch = _waiting;
                _waiting = [];
            }
            try
            {
                await acknowledge(batch.ConvertAll(b => b.Id));
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception exception)
            {
                LogContext.Debug?.Log(exception, "Acknowledging {Count} entries failed", batch.Count);
                foreach (var (_, done) in batch) done.TrySetException(exception);
            }
        }
    }
}
