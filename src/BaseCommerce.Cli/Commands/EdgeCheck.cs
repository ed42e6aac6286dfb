using BaseCommerce.Cli.Infra;

namespace BaseCommerce.Cli.Commands;

internal static class EdgeCheck
{
    /// <summary>
    /// GETs a path through nginx with the given Host, connecting to 127.0.0.1 directly so that the check does
    /// not depend on how this machine resolves <c>*.localhost</c>.
    /// </summary>
    public static async Task ThroughNginxAsync(int port, string host, string path)
    {
        using var client = LoopbackHttp.Client(port, TimeSpan.FromSeconds(10));
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var response = await client.GetAsync($"http://{host}:{port}{path}");
                if (response.IsSuccessStatusCode)
                    return;
                failure = $"answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            if (attempt == 20)
                throw new CliException($"http://{host}:{port}{path} through nginx failed: {failure} (log: .basec/nginx/error.log)");
            await Task.Delay(250);
        }
    }
}
