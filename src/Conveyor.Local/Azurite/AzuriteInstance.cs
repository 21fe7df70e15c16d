using System.Diagnostics;

namespace Conveyor.Local.Azurite;

/// <summary>
/// A running Azurite emulator started by <see cref="AzuriteLauncher"/>.
/// </summary>
/// <remarks>
/// Disposing stops the process: an in-memory emulator's data goes with it, a data folder is kept. If the owning
/// process dies without disposing, Azurite notices its closed standard input and exits by itself.
/// </remarks>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private readonly Process _process;
    private int _disposed;

    internal AzuriteInstance(Process process, string host, int blobPort, int queuePort, int tablePort, string? dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
            $"BlobEndpoint=http://{host}:{blobPort}/{DevelopmentAccountName};" +
            $"QueueEndpoint=http://{host}:{queuePort}/{DevelopmentAccountName};" +
            $"TableEndpoint=http://{host}:{tablePort}/{DevelopmentAccountName};";
    }

    /// <summary>The emulator's well-known account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The emulator's well-known account key (public, the same in every emulator).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Gets the connection string with explicit endpoints and the development account key.</summary>
    public string ConnectionString { get; }

    /// <summary>Gets the blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Gets the queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Gets the table service port.</summary>
    public int TablePort { get; }

    /// <summary>Gets the data folder, or <see langword="null"/> when the emulator keeps its data in memory.</summary>
    public string? DataDirectory { get; }

    /// <summary>Gets the operating-system id of the emulator process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets a value indicating whether the emulator process is still running.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
