using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Conveyor.Server.Tests.Hosting;

/// <summary>A Conveyor.Server process (the built app, as <c>dotnet run</c> starts it) on a free loopback port.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stderr;
    private readonly Task _stdout;

    private ServerProcess(Process process, Uri baseAddress, string logPath)
    {
        _process = process;
        BaseAddress = baseAddress;
        LogPath = logPath;
        _stderr = process.StandardError.ReadToEndAsync();
        _stdout = Task.Run(async () =>
        {
            await using var log = File.CreateText(logPath);
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                await log.WriteLineAsync(line);
            }
        });
    }

    /// <summary>Gets the file the server's console output goes to (for a failing test's message).</summary>
    public string LogPath { get; }

    /// <summary>Gets the server's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts a server with <paramref name="settings"/> as environment variables and waits until it answers, at most two minutes.</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // Not the repository: no local.settings.json of a developer is read.
            WorkingDirectory = Directory.CreateTempSubdirectory("conveyor-server-").FullName,
        };
        var logPath = Path.Combine(start.WorkingDirectory, "server.log");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Conveyor.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["urls"] = baseAddress.AbsoluteUri.TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, baseAddress, logPath);
        using var http = new HttpClient { BaseAddress = baseAddress };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !server._process.HasExited)
        {
            try
            {
                using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"The server did not answer within two minutes: {await server._stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdout, _stderr);
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
