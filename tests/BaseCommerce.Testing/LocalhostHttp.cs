using System.Net;
using System.Net.Sockets;

namespace BaseCommerce.Testing;

/// <summary>
/// HTTP clients that reach <c>{store}.localhost</c> the way a browser does: every <c>*.localhost</c> name connects to
/// 127.0.0.1 (this machine's resolver does not know them), while URLs, Host headers and cookies keep the store's name,
/// so one store's cookies are never sent to another's host.
/// </summary>
public static class LocalhostHttp
{
    public static HttpClient Client(CookieContainer? cookies = null) => new(Handler(cookies)) { Timeout = TimeSpan.FromSeconds(30) };

    public static SocketsHttpHandler Handler(CookieContainer? cookies = null) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = cookies is not null,
        CookieContainer = cookies ?? new CookieContainer(),
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
