using System.Diagnostics;
using Conveyor.Local.Azurite;

namespace Conveyor.Testing;

/// <summary>
/// Runs a Node.js script from <c>infra/local</c> (where Azurite and the official JavaScript storage SDKs are
/// installed) as an independent implementation to check wire compatibility against, or to measure.
/// </summary>
public static class NodeScript
{
    /// <summary>Runs <c>node infra/local/&lt;script&gt; args…</c> with the connection string in <c>AZURE_STORAGE_CONNECTION_STRING</c>.</summary>
    /// <param name="script">The script path relative to <c>infra/local</c>, for example <c>interop/blob.js</c>.</param>
    /// <param name="connectionString">The storage connection string the script uses.</param>
    /// <param name="arguments">The script's arguments.</param>
    /// <param name="cancellationToken">Cancels the run (kills the process).</param>
    /// <returns>The script's standard output.</returns>
    /// <exception cref="InvalidOperationException">The script exited with a non-zero code; the message has its standard error.</exception>
    public static async Task<string> RunAsync(
        string script, string connectionString, IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var home = AzuriteLauncher.FindInstallDirectory(new AzuriteOptions());
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AZURE_STORAGE_CONNECTION_STRING"] = connectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {process.ExitCode}: {await error}");
        }

        return await output;
    }
}
