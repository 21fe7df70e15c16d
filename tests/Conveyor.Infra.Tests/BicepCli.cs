using System.Diagnostics;

namespace Conveyor.Infra.Tests;

/// <summary>Runs the Bicep CLI from the NuGet package.</summary>
internal static class BicepCli
{
    private static readonly Lazy<string> Executable = new(MakeExecutable);

    /// <summary>Runs <c>bicep</c> with the arguments in <c>infra/</c> and waits for it.</summary>
    /// <param name="arguments">The arguments, e.g. <c>build main.bicep --stdout</c>.</param>
    /// <param name="environment">
    /// Environment variables to set (read by <c>readEnvironmentVariable</c> in a .bicepparam); a null value removes the
    /// variable, so the test does not depend on the environment it runs in.
    /// </param>
    public static async Task<BicepResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = InfraPaths.InfraDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        var cancellationToken = TestContext.Current.CancellationToken;
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var standardError = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new BicepResult(process.ExitCode, await standardOutput, await standardError);
    }

    // NuGet may extract the package's executable without the execute bits the current user needs.
    private static string MakeExecutable()
    {
        var path = InfraPaths.BicepExecutable;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is not where the Azure.Bicep.CommandLine.linux-x64 package puts it; restore the test project.", path);
        }

        if (OperatingSystem.IsWindows())
        {
            return path;
        }

        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & execute) != execute)
        {
            File.SetUnixFileMode(path, mode | execute);
        }

        return path;
    }
}
