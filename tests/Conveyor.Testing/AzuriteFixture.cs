using Conveyor.Local.Azurite;
using Xunit;

namespace Conveyor.Testing;

/// <summary>
/// One Azurite per test assembly (register with <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>).
/// Tests isolate themselves with <see cref="UniqueName"/>, so they can run in parallel.
/// </summary>
/// <remarks>
/// Set <c>CONVEYOR_TEST_STORAGE</c> to a connection string to run against an emulator (or account) that is
/// already running instead of starting one.
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _instance;

    /// <summary>Gets the connection string of the emulator.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Gets the emulator started by this fixture, or null when an external one is used.</summary>
    public AzuriteInstance? Instance => _instance;

    /// <summary>Returns a name unique to this run: lower-case letters and digits after the prefix.</summary>
    /// <param name="prefix">A lower-case prefix, letters only.</param>
    /// <returns>The name, at most 63 characters.</returns>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("CONVEYOR_TEST_STORAGE") is { Length: > 0 } external)
        {
            ConnectionString = external;
            return;
        }

        _instance = await AzuriteLauncher.StartAsync(new AzuriteOptions { StartTimeout = TimeSpan.FromMinutes(2) });
        ConnectionString = _instance.ConnectionString;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }
    }
}
