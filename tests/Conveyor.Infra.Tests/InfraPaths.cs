using System.Reflection;

namespace Conveyor.Infra.Tests;

/// <summary>Where the Bicep CLI and the templates are, as the project file recorded them at build time.</summary>
internal static class InfraPaths
{
    /// <summary>Gets the <c>bicep</c> executable of the Azure.Bicep.CommandLine.linux-x64 package.</summary>
    public static string BicepExecutable { get; } = Metadata("BicepExecutable");

    /// <summary>Gets the repository's <c>infra/</c> folder.</summary>
    public static string InfraDirectory { get; } = Metadata("InfraDirectory");

    /// <summary>Gets the path of a file in <c>infra/</c>.</summary>
    public static string Infra(string fileName) => Path.Combine(InfraDirectory, fileName);

    private static string Metadata(string key) =>
        typeof(InfraPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata; see Conveyor.Infra.Tests.csproj.");
}
