using System.Diagnostics;
using System.Text.Json;
using BaseCommerce.Testing;
using Shouldly;

namespace BaseCommerce.Identity.Tests;

/// <summary>
/// Interoperability: openid-client (panva), a widely used Node.js OAuth 2.0 / OpenID Connect client, runs the flows against
/// the Identity host over real HTTP. It checks what a strict client checks (issuer, iss in the authorization response,
/// state, nonce, PKCE, token response shapes), so passing here means standard clients work, not just our own tests.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class InteropTests(IdentityServer server)
{
    static readonly string Folder = Path.Combine(TestSettings.RepositoryRoot, "tests", "BaseCommerce.Identity.Tests", "Interop");

    [Fact]
    public async Task OpenIdClient_RunsDiscovery_CodeFlowWithPkce_Refresh_Introspection_Revocation_AndClientCredentials()
    {
        await EnsurePackagesAsync();
        var store = server.StoreA;
        var output = await RunAsync("node", Folder, "interop.mjs", server.IssuerOf(store.Slug), store.WebClientId, store.WebSecret,
            store.AdminEmail, store.AdminPassword, store.RedirectUri, store.ApiClientId, store.ApiSecret);
        var result = JsonDocument.Parse(output.Trim().Split('\n').Last()).RootElement;

        result.GetProperty("issuer").GetString().ShouldBe(server.IssuerOf(store.Slug));
        result.GetProperty("signInStatus").GetInt32().ShouldBe(302);
        result.GetProperty("idToken").GetProperty("email").GetString().ShouldBe(store.AdminEmail);
        result.GetProperty("idToken").GetProperty("tenant_id").GetString().ShouldBe(store.Tenant.Id.ToString());
        result.GetProperty("userinfo").GetProperty("tenant_slug").GetString().ShouldBe(store.Slug);
        result.GetProperty("rotated").GetBoolean().ShouldBeTrue();
        result.GetProperty("reuse").GetString().ShouldBe("invalid_grant");
        result.GetProperty("clientCredentials").GetProperty("scope").GetString().ShouldBe("api.read");
        result.GetProperty("clientCredentials").GetProperty("expires_in").GetInt32().ShouldBeInRange(899, 900); // OpenIddict counts whole seconds left
        result.GetProperty("introspection").GetBoolean().ShouldBeTrue();
        result.GetProperty("introspectionAfterRevocation").GetBoolean().ShouldBeFalse();
        result.GetProperty("wrongSecret").GetString().ShouldBe("invalid_client");
    }

    static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>Installs the pinned packages from package-lock.json (npm ci) the first time on a machine.</summary>
    static async Task EnsurePackagesAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(Folder, "node_modules", "openid-client", "package.json")))
                await RunAsync("npm", Folder, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    static async Task<string> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', arguments)} failed:\n{await stderr}\n{await stdout}");
        return await stdout;
    }
}
