using System.Reflection;

namespace BaseCommerce.ServiceDefaults;

/// <summary>Who this process is: its name in logs, health and metrics, and the schema its migrations own.</summary>
public sealed record ServiceInfo(string Name, string? Schema)
{
    public string Version { get; } =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
