using StackExchange.Redis;

namespace BaseCommerce.ServiceDefaults;

/// <summary>
/// The process's shared Redis multiplexer, connected lazily and allowed to start while Redis is down
/// (<c>abortConnect=false</c>): a service must start and report itself unready, not crash, when Redis is away.
/// Any StackExchange.Redis configuration string works, ACL users and TLS included (<c>user=…,password=…,ssl=true</c>).
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
