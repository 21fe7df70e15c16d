using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conveyor.Local.Azurite;

/// <summary>
/// Starts Azurite (the Azure Storage emulator, from npm) on loopback ports and waits until blob, queue and
/// table answer.
/// </summary>
/// <remarks>
/// Azurite runs under <c>infra/local/azurite-supervised.js</c>, which exits when its standard input closes; the
/// launcher holds that pipe, so the emulator never outlives its owner, even one killed with SIGKILL.
/// </remarks>
public static partial class AzuriteLauncher
{
    private const string ManifestFolder = "infra/local";
    private const string SupervisorScript = "azurite-supervised.js";

    /// <summary>Starts an emulator.</summary>
    /// <param name="options">How to start it; <see langword="null"/> for defaults (free ports, data in memory).</param>
    /// <param name="logger">Receives start-up progress; optional.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running instance; dispose it to stop the emulator.</returns>
    /// <exception cref="InvalidOperationException">Node.js or Azurite is missing, or Azurite did not start in time.</exception>
    public static async Task<AzuriteInstance> StartAsync(
        AzuriteOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteOptions();
        logger ??= NullLogger.Instance;
        var home = FindInstallDirectory(options);
        await EnsureInstalledAsync(home, options, logger, cancellationToken).ConfigureAwait(false);

        // Without a folder the emulator keeps everything in memory: the data lives exactly as long as the instance, as a
        // temporary folder would, without Azurite's fdatasync after every queue message and blob block, which it runs
        // one at a time and which made enqueues take hundreds of milliseconds under load.
        var dataDirectory = options.DataDirectory;
        if (dataDirectory is not null)
        {
            Directory.CreateDirectory(dataDirectory);
        }

        var start = new ProcessStartInfo(options.NodeExecutable)
        {
            WorkingDirectory = home,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = dataDirectory is null ? ["--inMemoryPersistence"] : ["--location", dataDirectory];
        foreach (var argument in new[]
        {
            SupervisorScript, "--silent", "--disableTelemetry", "--skipApiVersionCheck",
            "--blobHost", options.Host, "--blobPort", Port(options.BlobPort),
            "--queueHost", options.Host, "--queuePort", Port(options.QueuePort),
            "--tableHost", options.Host, "--tablePort", Port(options.TablePort),
        }.Concat(persistence))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Node.js for Azurite.");
        try
        {
            var ports = await ReadPortsAsync(process, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            var instance = new AzuriteInstance(process, options.Host, ports.Blob, ports.Queue, ports.Table, dataDirectory);
            await WaitUntilAnsweringAsync(options.Host, [ports.Blob, ports.Queue, ports.Table], options.StartTimeout, cancellationToken)
                .ConfigureAwait(false);
            Logs.AzuriteStarted(logger, process.Id, ports.Blob, ports.Queue, ports.Table, dataDirectory ?? "memory");
            return instance;
        }
        catch
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It has already exited.
            }

            process.Dispose();
            throw;
        }
    }

    /// <summary>Finds the folder with Azurite's npm manifest.</summary>
    /// <param name="options">The options naming it, or not.</param>
    /// <returns>The absolute folder path.</returns>
    public static string FindInstallDirectory(AzuriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InstallDirectory is { } given)
        {
            return Path.GetFullPath(given);
        }

        if (Environment.GetEnvironmentVariable("CONVEYOR_AZURITE_HOME") is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        foreach (var origin in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(origin); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, ManifestFolder);
                if (File.Exists(Path.Combine(candidate, "package.json")))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException(
            $"Could not find '{ManifestFolder}/package.json' above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'. " +
            "Run from the Conveyor repository or set CONVEYOR_AZURITE_HOME.");
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task EnsureInstalledAsync(string home, AzuriteOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(home, "node_modules", "azurite", "package.json")))
        {
            return;
        }

        if (!options.InstallIfMissing)
        {
            throw new InvalidOperationException($"Azurite is not installed in '{home}'. Run 'npm ci' there.");
        }

        Logs.InstallingAzurite(logger, home);
        var npm = new ProcessStartInfo("npm") { WorkingDirectory = home, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            npm.ArgumentList.Add(argument);
        }

        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm to install Azurite.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in '{home}' failed with exit code {process.ExitCode}: {await error.ConfigureAwait(false)}");
        }
    }

    private static async Task<(int Blob, int Queue, int Table)> ReadPortsAsync(Process process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            while (ports.Count < 3)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeoutSource.Token).ConfigureAwait(false);
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    throw new InvalidOperationException(
                        $"Azurite exited with code {process.ExitCode} before listening: {(await errors.ConfigureAwait(false)).Trim()}");
                }

                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"Azurite did not report listening ports within {timeout.TotalSeconds:0} s.");
        }

        // Keep draining output so a chatty emulator never blocks on a full pipe.
        _ = DrainAsync(process.StandardOutput);
        return (ports["Blob"], ports["Queue"], ports["Table"]);
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is not null)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process ended.
        }
    }

    private static async Task WaitUntilAnsweringAsync(string host, int[] ports, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
        {
            while (true)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://{host}:{port}/"), cancellationToken).ConfigureAwait(false);
                    break; // Any HTTP answer means the service is up.
                }
                catch (HttpRequestException) when (deadline.Elapsed < timeout)
                {
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at \S+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
