using System.Net.Sockets;

namespace BaseCommerce.Cli.Infra;

internal static class Ports
{
    /// <summary>True when something accepts TCP connections on 127.0.0.1:port.</summary>
    public static bool InUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync("127.0.0.1", port).Wait(TimeSpan.FromMilliseconds(500)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    public static CliException Taken(int port, string what) =>
        new($"Port {port} is already in use by another program, so {what} cannot start there. " +
            $"Find it with 'ss -ltnp | grep :{port}', stop it, or choose another port (see README, \"Ports\").");
}
