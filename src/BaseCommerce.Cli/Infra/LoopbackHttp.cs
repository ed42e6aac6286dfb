using System.Net.Sockets;

namespace BaseCommerce.Cli.Infra;

/// <summary>
/// HTTP to a port on 127.0.0.1 whatever the URL's host (demo.localhost…), so the CLI's calls through nginx do not
/// depend on how this machine resolves <c>*.localhost</c>; the Host header keeps the store's name.
/// </summary>
internal static class LoopbackHttp
{
    public static HttpClient Client(int port, TimeSpan timeout) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync("127.0.0.1", port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = timeout };
}
