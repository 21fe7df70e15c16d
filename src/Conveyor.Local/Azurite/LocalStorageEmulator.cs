using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Conveyor.Local.Azurite;

/// <summary>
/// Starts Azurite on its default ports when the app is configured for development storage and no emulator is
/// listening, so that one command runs everything locally.
/// </summary>
public static class LocalStorageEmulator
{
    /// <summary>Starts the emulator if needed; returns it (to dispose at shutdown) or null when one is already there.</summary>
    /// <param name="connectionString">The app's storage connection string; only development storage on loopback starts an emulator.</param>
    /// <param name="dataDirectory">Where the emulator keeps its data (kept across runs).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The emulator this call started, or null.</returns>
    public static async Task<AzuriteInstance?> StartIfNeededAsync(string connectionString, string dataDirectory, CancellationToken cancellationToken)
    {
        // The official clients parse the connection string (UseDevelopmentStorage=true included) exactly as the app will.
        var blobs = new BlobServiceClient(connectionString);
        var blob = blobs.Uri;
        if (blobs.AccountName != AzuriteInstance.DevelopmentAccountName || !blob.IsLoopback)
        {
            return null;
        }

        if (await IsListeningAsync(blob.Host, blob.Port, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var options = new AzuriteOptions
        {
            BlobPort = blob.Port,
            QueuePort = new QueueServiceClient(connectionString).Uri.Port,
            TablePort = new TableServiceClient(connectionString).Uri.Port,
            DataDirectory = dataDirectory,
        };
        return await AzuriteLauncher.StartAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> IsListeningAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
