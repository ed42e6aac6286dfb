extern alias cli;

using System.Net;
using System.Net.Sockets;
using cli::BaseCommerce.Cli;
using cli::BaseCommerce.Cli.Infra;
using Shouldly;

namespace BaseCommerce.Platform.Tests.Edge;

/// <summary>What <c>basec up</c> says when the machine is not as it expects.</summary>
public sealed class CliInfrastructureTests
{
    [Fact]
    public async Task Redis_OnATakenPort_FailsWithAMessageNamingThePort()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var settings = LocalSettings.FromEnvironment() with { RedisPort = port };

        var error = await Should.ThrowAsync<CliException>(() => new RedisServer(Repo.Locate(), settings).EnsureStartedAsync());

        error.Message.ShouldContain($"Port {port} is already in use");
        error.Message.ShouldContain("Redis");
    }

    [Fact]
    public async Task Nginx_WithAnInvalidConfiguration_FailsWithNginxsOwnMessage()
    {
        var prefix = Directory.CreateTempSubdirectory("bc-nginx-bad-").FullName;
        try
        {
            var nginx = new NginxServer(Repo.Locate(), prefix);
            nginx.Render("127.0.0.1:not-a-port", 1, 2, 3);

            var error = await Should.ThrowAsync<CliException>(() => nginx.StartOrReloadAsync(1));

            error.Message.ShouldContain("nginx rejects");
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    [Fact]
    public async Task RedisPing_OnAClosedPort_IsFalse_NotAnException()
    {
        (await RedisServer.PingAsync(1)).ShouldBeFalse();
    }
}
