using System.Net;
using System.Net.Sockets;

namespace BaseCommerce.Testing;

/// <summary>Ports for the private servers tests and benchmarks start (redis-server, nginx, rabbitmq-server).</summary>
public static class LoopbackPorts
{
    /// <summary>A loopback port free right now: the system picks it, so parallel test runs do not collide.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
