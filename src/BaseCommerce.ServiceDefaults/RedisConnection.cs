using StackExchange.Redis;

namespace BaseCommerce.ServiceDefaults;

/// <summary>
/// The process's shared Redis multiplexer, connected lazily and allowed to start while Redis is down
/// (<c>abortConnect=false</c>): a service must start and report itself unready, not crash, when Redis is away.
/// StackExchange.Redis is pinned to 1.2.6, the only version our registry can restore.
/// </summary>
public sealed class RedisConnection(string configuration) : IDisposable
{
    readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return ConnectionMultiplexer.Connect(options);
    });

    public ConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
            _multiplexer.Value.Dispose();
    }
}
